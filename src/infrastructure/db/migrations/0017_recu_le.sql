-- La date de première réception de chaque ligne d'un extrait (règle de qualité « lignes reçues longtemps
-- après leur date », décision 0024) : posée par l'import à la création de la ligne, gardée quand la ligne
-- est remplacée. Les lignes déjà en base prennent la date de cette migration.
ALTER TABLE "mission_locale" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "jeune" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "evenement" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "dispositif" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "situation" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "aide" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "offre" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "contexte" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
--> statement-breakpoint
ALTER TABLE "moyens" ADD COLUMN "recu_le" date DEFAULT CURRENT_DATE NOT NULL;
