CREATE TABLE "aide" (
	"code_structure" text NOT NULL,
	"id_aide" text NOT NULL,
	"id_jeune" text NOT NULL,
	"type" text NOT NULL,
	"date" date NOT NULL,
	"montant" numeric(14, 2) NOT NULL,
	CONSTRAINT "aide_code_structure_id_aide_pk" PRIMARY KEY("code_structure","id_aide")
);
--> statement-breakpoint
CREATE TABLE "contexte" (
	"code_structure" text NOT NULL,
	"annee" integer NOT NULL,
	"pop_16_25" integer,
	"actifs_non_occupes_16_25" integer,
	"neet_16_25" integer,
	"taux_chomage_15_24" numeric(12, 2),
	"demandeurs_emploi_moins_26" integer,
	"part_qpv_16_25" numeric(12, 2),
	"part_zrr_16_25" numeric(12, 2),
	"nb_communes" integer,
	CONSTRAINT "contexte_code_structure_annee_pk" PRIMARY KEY("code_structure","annee")
);
--> statement-breakpoint
CREATE TABLE "departement" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"code_region" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispositif" (
	"code_structure" text NOT NULL,
	"id_dispositif" text NOT NULL,
	"id_jeune" text NOT NULL,
	"type" text NOT NULL,
	"date_debut" date NOT NULL,
	"date_fin" date,
	"motif_fin" text,
	CONSTRAINT "dispositif_code_structure_id_dispositif_pk" PRIMARY KEY("code_structure","id_dispositif")
);
--> statement-breakpoint
CREATE TABLE "evenement" (
	"code_structure" text NOT NULL,
	"id_evenement" text NOT NULL,
	"id_jeune" text NOT NULL,
	"date" date NOT NULL,
	"type" text NOT NULL,
	"id_conseiller" text,
	CONSTRAINT "evenement_code_structure_id_evenement_pk" PRIMARY KEY("code_structure","id_evenement")
);
--> statement-breakpoint
CREATE TABLE "jeune" (
	"code_structure" text NOT NULL,
	"id_jeune" text NOT NULL,
	"date_naissance" date NOT NULL,
	"sexe" text NOT NULL,
	"niveau_formation" text,
	"commune_residence" text,
	"qpv" boolean,
	"zrr" boolean,
	"rqth" boolean,
	"inscrit_pole_emploi" boolean,
	"date_premier_accueil" date NOT NULL,
	"id_conseiller" text,
	CONSTRAINT "jeune_code_structure_id_jeune_pk" PRIMARY KEY("code_structure","id_jeune")
);
--> statement-breakpoint
CREATE TABLE "jeune_identite" (
	"code_structure" text NOT NULL,
	"id_jeune" text NOT NULL,
	"nom" text,
	"prenom" text,
	"courriel" text,
	"telephone" text,
	CONSTRAINT "jeune_identite_code_structure_id_jeune_pk" PRIMARY KEY("code_structure","id_jeune")
);
--> statement-breakpoint
CREATE TABLE "journal_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"horodatage" timestamp with time zone DEFAULT now() NOT NULL,
	"acteur" text NOT NULL,
	"action" text NOT NULL,
	"objet" text,
	"code_structure" text,
	"origine" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "mission_locale" (
	"code_structure" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL,
	"siret" text,
	"code_departement" text NOT NULL,
	"code_region" text NOT NULL,
	"adresse" text,
	"communes" text[],
	"date_debut" date,
	"date_fin" date,
	"code_structure_absorbante" text
);
--> statement-breakpoint
CREATE TABLE "moyens" (
	"code_structure" text NOT NULL,
	"annee" integer NOT NULL,
	"etp_total" numeric(12, 2),
	"etp_conseillers" numeric(12, 2),
	"etp_relation_entreprise" numeric(12, 2),
	"nb_sites" integer,
	"produits_total" numeric(14, 2),
	"etat_cpo" numeric(14, 2),
	"etat_autres" numeric(14, 2),
	"region" numeric(14, 2),
	"departement" numeric(14, 2),
	"communes_epci" numeric(14, 2),
	"fse" numeric(14, 2),
	"pole_emploi" numeric(14, 2),
	"autres" numeric(14, 2),
	CONSTRAINT "moyens_code_structure_annee_pk" PRIMARY KEY("code_structure","annee")
);
--> statement-breakpoint
CREATE TABLE "offre" (
	"code_structure" text NOT NULL,
	"id_offre" text NOT NULL,
	"date_collecte" date NOT NULL,
	"pourvue" boolean,
	"intitule" text,
	CONSTRAINT "offre_code_structure_id_offre_pk" PRIMARY KEY("code_structure","id_offre")
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" text PRIMARY KEY NOT NULL,
	"nom" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "situation" (
	"code_structure" text NOT NULL,
	"id_situation" text NOT NULL,
	"id_jeune" text NOT NULL,
	"categorie" text NOT NULL,
	"type_contrat" text,
	"date_debut" date NOT NULL,
	"date_fin_prevue" date,
	"date_fin" date,
	CONSTRAINT "situation_code_structure_id_situation_pk" PRIMARY KEY("code_structure","id_situation")
);
--> statement-breakpoint
ALTER TABLE "aide" ADD CONSTRAINT "aide_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contexte" ADD CONSTRAINT "contexte_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departement" ADD CONSTRAINT "departement_code_region_region_code_fk" FOREIGN KEY ("code_region") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositif" ADD CONSTRAINT "dispositif_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evenement" ADD CONSTRAINT "evenement_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jeune" ADD CONSTRAINT "jeune_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jeune_identite" ADD CONSTRAINT "jeune_identite_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_locale" ADD CONSTRAINT "mission_locale_code_departement_departement_code_fk" FOREIGN KEY ("code_departement") REFERENCES "public"."departement"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_locale" ADD CONSTRAINT "mission_locale_code_region_region_code_fk" FOREIGN KEY ("code_region") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_locale" ADD CONSTRAINT "mission_locale_code_structure_absorbante_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure_absorbante") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moyens" ADD CONSTRAINT "moyens_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offre" ADD CONSTRAINT "offre_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation" ADD CONSTRAINT "situation_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispositif_jeune_idx" ON "dispositif" USING btree ("code_structure","id_jeune");--> statement-breakpoint
CREATE INDEX "journal_audit_horodatage_idx" ON "journal_audit" USING btree ("horodatage");--> statement-breakpoint
CREATE INDEX "mission_locale_region_idx" ON "mission_locale" USING btree ("code_region");--> statement-breakpoint
CREATE INDEX "mission_locale_departement_idx" ON "mission_locale" USING btree ("code_departement");