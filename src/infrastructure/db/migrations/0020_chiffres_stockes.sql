CREATE TABLE "catalogue_calcule" (
	"version" text PRIMARY KEY NOT NULL,
	"contenu" jsonb NOT NULL,
	"enregistre_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chiffres_ml" (
	"catalogue" text NOT NULL,
	"annee" integer NOT NULL,
	"au" date NOT NULL,
	"code_structure" text NOT NULL,
	"version" bigint NOT NULL,
	"valeurs" jsonb NOT NULL,
	"calcule_le" timestamp with time zone NOT NULL,
	CONSTRAINT "chiffres_ml_catalogue_annee_au_code_structure_pk" PRIMARY KEY("catalogue","annee","au","code_structure")
);
--> statement-breakpoint
CREATE TABLE "version_donnees_ml" (
	"code_structure" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
