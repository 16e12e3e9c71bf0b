CREATE TABLE "diagnostic" (
	"code_structure" text NOT NULL,
	"id_diagnostic" text NOT NULL,
	"id_jeune" text NOT NULL,
	"date" date NOT NULL,
	"besoin_emploi" boolean,
	"besoin_formation" boolean,
	"besoin_sante" boolean,
	"besoin_logement" boolean,
	"besoin_mobilite" boolean,
	"besoin_ressources" boolean,
	"id_conseiller" text,
	"recu_le" date DEFAULT CURRENT_DATE NOT NULL,
	CONSTRAINT "diagnostic_code_structure_id_diagnostic_pk" PRIMARY KEY("code_structure","id_diagnostic")
);
--> statement-breakpoint
CREATE TABLE "phase" (
	"code_structure" text NOT NULL,
	"id_phase" text NOT NULL,
	"id_jeune" text NOT NULL,
	"id_dispositif" text,
	"objectif" text NOT NULL,
	"date_debut" date NOT NULL,
	"date_fin_prevue" date,
	"date_fin" date,
	"evaluation" text,
	"id_conseiller" text,
	"recu_le" date DEFAULT CURRENT_DATE NOT NULL,
	CONSTRAINT "phase_code_structure_id_phase_pk" PRIMARY KEY("code_structure","id_phase")
);
--> statement-breakpoint
ALTER TABLE "diagnostic" ADD CONSTRAINT "diagnostic_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phase" ADD CONSTRAINT "phase_code_structure_id_jeune_jeune_code_structure_id_jeune_fk" FOREIGN KEY ("code_structure","id_jeune") REFERENCES "public"."jeune"("code_structure","id_jeune") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnostic_jeune_idx" ON "diagnostic" USING btree ("code_structure","id_jeune");--> statement-breakpoint
CREATE INDEX "phase_jeune_idx" ON "phase" USING btree ("code_structure","id_jeune");