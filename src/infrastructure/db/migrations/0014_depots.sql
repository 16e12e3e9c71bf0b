-- Les dépôts d'extraits par les Missions locales : qui, quand, quelle taille, quel mode, et le résultat
-- (le rapport d'import, les lignes rejetées du mode tolérant). Un dépôt `en_cours` au démarrage du
-- serveur a été coupé par un arrêt : il est marqué `echoue` (son import, en une transaction, n'a rien écrit).
CREATE TABLE "depot" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_structure" text NOT NULL,
	"depose_par" text NOT NULL,
	"depose_le" timestamp with time zone DEFAULT now() NOT NULL,
	"termine_le" timestamp with time zone,
	"taille" bigint NOT NULL,
	"mode" text NOT NULL,
	"etat" text DEFAULT 'en_cours' NOT NULL,
	"lignes" integer,
	"erreurs" integer,
	"rapport" jsonb,
	"rejets" jsonb,
	CONSTRAINT "depot_mode_check" CHECK ("mode" IN ('strict', 'tolerant')),
	CONSTRAINT "depot_etat_check" CHECK ("etat" IN ('en_cours', 'accepte', 'refuse', 'echoue'))
);
--> statement-breakpoint
ALTER TABLE "depot" ADD CONSTRAINT "depot_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "depot_structure_idx" ON "depot" USING btree ("code_structure", "depose_le");
