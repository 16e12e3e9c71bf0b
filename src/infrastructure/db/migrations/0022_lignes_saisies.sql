-- Les lignes du parcours écrites dans l'application (saisie d'un conseiller) : un dépôt ne les remplace
-- pas, ni ne touche au parcours d'un jeune créé dans l'application (décision 0030).
CREATE TABLE "ligne_saisie" (
	"code_structure" text NOT NULL,
	"table_parcours" text NOT NULL,
	"id_ligne" text NOT NULL,
	"saisie_le" timestamp with time zone DEFAULT now() NOT NULL,
	"saisie_par" text NOT NULL,
	CONSTRAINT "ligne_saisie_code_structure_table_parcours_id_ligne_pk" PRIMARY KEY("code_structure","table_parcours","id_ligne")
);
--> statement-breakpoint
ALTER TABLE "ligne_saisie" ADD CONSTRAINT "ligne_saisie_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;
