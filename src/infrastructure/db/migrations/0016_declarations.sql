-- L'historique des données déclarées (moyens, contexte) saisies dans l'application : une ligne par champ
-- changé, avec l'ancienne et la nouvelle valeur, qui et quand. En ajout seul, comme le journal d'audit.
CREATE TABLE "declaration_historique" (
  "code_structure" text NOT NULL REFERENCES "mission_locale" ("code_structure"),
  "id" bigserial NOT NULL,
  "nature" text NOT NULL CHECK ("nature" IN ('moyens', 'contexte')),
  "annee" integer NOT NULL,
  "champ" text NOT NULL,
  "ancienne" text,
  "nouvelle" text,
  "acteur" text NOT NULL,
  "origine" text,
  "horodatage" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("code_structure", "id")
);
--> statement-breakpoint
CREATE TRIGGER declaration_historique_ajout_seul BEFORE UPDATE OR DELETE ON declaration_historique FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER declaration_historique_pas_de_vidage BEFORE TRUNCATE ON declaration_historique FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
ALTER TABLE declaration_historique ENABLE ALWAYS TRIGGER declaration_historique_ajout_seul;
--> statement-breakpoint
ALTER TABLE declaration_historique ENABLE ALWAYS TRIGGER declaration_historique_pas_de_vidage;
