-- Les jetons des dépôts par machine : seule leur empreinte SHA-256 est gardée (le jeton n'est montré
-- qu'une fois, à sa création), pour une seule ML, avec une expiration et la date de dernière utilisation.
CREATE TABLE "jeton_depot" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_structure" text NOT NULL,
	"libelle" text NOT NULL,
	"empreinte" text NOT NULL,
	"cree_par" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"expire_le" timestamp with time zone NOT NULL,
	"revoque_le" timestamp with time zone,
	"derniere_utilisation" timestamp with time zone,
	CONSTRAINT "jeton_depot_empreinte_unique" UNIQUE("empreinte")
);
--> statement-breakpoint
ALTER TABLE "jeton_depot" ADD CONSTRAINT "jeton_depot_code_structure_mission_locale_code_structure_fk" FOREIGN KEY ("code_structure") REFERENCES "public"."mission_locale"("code_structure") ON DELETE no action ON UPDATE no action;
