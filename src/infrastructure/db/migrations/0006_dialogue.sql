CREATE TABLE "avenant" (
	"dialogue_id" integer PRIMARY KEY NOT NULL,
	"numero" integer NOT NULL,
	"donnees" text NOT NULL,
	"empreinte_donnees" text NOT NULL,
	"empreinte_pdf" text NOT NULL,
	"genere_le" timestamp with time zone DEFAULT now() NOT NULL,
	"genere_par" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bilan_intermediaire" (
	"id" serial PRIMARY KEY NOT NULL,
	"dialogue_id" integer NOT NULL,
	"commentaire" text NOT NULL,
	"chiffres" jsonb NOT NULL,
	"cree_par" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campagne" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_region" text NOT NULL,
	"annee" integer NOT NULL,
	"instantane_id" integer NOT NULL,
	"echeance_autodiagnostic" date NOT NULL,
	"echeance_entretien" date NOT NULL,
	"echeance_signature" date NOT NULL,
	"ouverte_par" text NOT NULL,
	"ouverte_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "convention" (
	"code_structure" text PRIMARY KEY NOT NULL,
	"numero" text NOT NULL,
	"annee_debut" integer NOT NULL,
	"annee_fin" integer NOT NULL,
	"date_signature" date NOT NULL,
	"montant_reference" integer NOT NULL,
	"cree_par" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "convention_numero_unique" UNIQUE("numero")
);
--> statement-breakpoint
CREATE TABLE "dialogue" (
	"id" serial PRIMARY KEY NOT NULL,
	"campagne_id" integer NOT NULL,
	"code_structure" text NOT NULL,
	"annee" integer NOT NULL,
	"etat" text NOT NULL,
	"autodiagnostic" jsonb,
	"entretien" jsonb,
	"objectifs" jsonb,
	"decision" jsonb,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_evenement" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dialogue_id" integer NOT NULL,
	"action" text NOT NULL,
	"de" text,
	"vers" text NOT NULL,
	"acteur" text NOT NULL,
	"role" text NOT NULL,
	"horodatage" timestamp with time zone DEFAULT now() NOT NULL,
	"motif" text
);
--> statement-breakpoint
ALTER TABLE "avenant" ADD CONSTRAINT "avenant_dialogue_id_dialogue_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bilan_intermediaire" ADD CONSTRAINT "bilan_intermediaire_dialogue_id_dialogue_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagne" ADD CONSTRAINT "campagne_code_region_region_code_fk" FOREIGN KEY ("code_region") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagne" ADD CONSTRAINT "campagne_instantane_id_instantane_id_fk" FOREIGN KEY ("instantane_id") REFERENCES "public"."instantane"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention" ADD CONSTRAINT "convention_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue" ADD CONSTRAINT "dialogue_campagne_id_campagne_id_fk" FOREIGN KEY ("campagne_id") REFERENCES "public"."campagne"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue" ADD CONSTRAINT "dialogue_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_evenement" ADD CONSTRAINT "dialogue_evenement_dialogue_id_dialogue_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campagne_region_annee_idx" ON "campagne" USING btree ("code_region","annee");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_structure_annee_idx" ON "dialogue" USING btree ("code_structure","annee");--> statement-breakpoint
CREATE INDEX "dialogue_evenement_dialogue_idx" ON "dialogue_evenement" USING btree ("dialogue_id");