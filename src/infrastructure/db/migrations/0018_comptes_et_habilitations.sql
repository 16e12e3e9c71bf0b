-- Comptes et habilitations : le SIRET d'une organisation (ProConnect le rend à la connexion), les
-- invitations (jeton à usage unique, haché, qui expire), les demandes d'accès ProConnect en attente.
-- Un compte invité n'est utilisable qu'une fois son invitation acceptée (`accepte_le`) ; les comptes
-- existants et ceux créés en SQL le sont d'emblée.
ALTER TABLE "organisation" ADD COLUMN "siret" text;
--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_siret_idx" ON "organisation" USING btree ("siret") WHERE "siret" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "utilisateur" ADD COLUMN "accepte_le" timestamp with time zone DEFAULT now();
--> statement-breakpoint
CREATE UNIQUE INDEX "utilisateur_courriel_minuscules_idx" ON "utilisateur" USING btree (lower("courriel"));
--> statement-breakpoint
CREATE TABLE "invitation" (
	"id" serial PRIMARY KEY NOT NULL,
	"utilisateur_id" integer NOT NULL,
	"jeton_hache" text NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"creee_par" text NOT NULL,
	"creee_le" timestamp with time zone DEFAULT now() NOT NULL,
	"utilisee_le" timestamp with time zone,
	CONSTRAINT "invitation_jeton_hache_unique" UNIQUE("jeton_hache")
);
--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_utilisateur_id_utilisateur_id_fk" FOREIGN KEY ("utilisateur_id") REFERENCES "public"."utilisateur"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "demande_acces" (
	"id" serial PRIMARY KEY NOT NULL,
	"courriel" text NOT NULL,
	"nom" text NOT NULL,
	"siret" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"etat" text DEFAULT 'en_attente' NOT NULL,
	"creee_le" timestamp with time zone DEFAULT now() NOT NULL,
	"traitee_par" text,
	"traitee_le" timestamp with time zone,
	"role" text,
	CONSTRAINT "demande_acces_etat_check" CHECK ("etat" IN ('en_attente', 'acceptee', 'refusee'))
);
--> statement-breakpoint
ALTER TABLE "demande_acces" ADD CONSTRAINT "demande_acces_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "demande_acces_en_attente_idx" ON "demande_acces" USING btree (lower("courriel")) WHERE "etat" = 'en_attente';
