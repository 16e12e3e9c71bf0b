CREATE TABLE "instantane" (
	"id" serial PRIMARY KEY NOT NULL,
	"annee" integer NOT NULL,
	"code_region" text,
	"catalogue" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"cree_par" text NOT NULL,
	"empreinte" text NOT NULL,
	"contenu" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "instantane_annee_idx" ON "instantane" USING btree ("annee","code_region");