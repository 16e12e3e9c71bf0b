ALTER TABLE "etat_donnees" ADD COLUMN "mise_a_jour" timestamp with time zone;
--> statement-breakpoint
-- Pour une base déjà remplie : le dernier import inscrit au journal.
UPDATE "etat_donnees" SET "mise_a_jour" = (SELECT max("horodatage") FROM "journal_audit" WHERE "action" = 'import_extrait') WHERE "version" > 0;
