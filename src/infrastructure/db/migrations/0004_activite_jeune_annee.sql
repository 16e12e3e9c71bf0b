CREATE TABLE "activite_jeune_annee" (
	"code_structure" text NOT NULL,
	"id_jeune" text NOT NULL,
	"annee" integer NOT NULL,
	"nb_ei" integer NOT NULL,
	"nb_collectif" integer NOT NULL,
	"contact" boolean NOT NULL,
	"jdi" boolean NOT NULL,
	"emploi" boolean NOT NULL,
	"emploi_durable" boolean NOT NULL,
	"alternance" boolean NOT NULL,
	"formation" boolean NOT NULL,
	"situation_professionnelle" boolean NOT NULL,
	CONSTRAINT "activite_jeune_annee_code_structure_id_jeune_annee_pk" PRIMARY KEY("code_structure","id_jeune","annee")
);
