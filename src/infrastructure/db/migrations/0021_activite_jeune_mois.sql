-- L'activité de chaque jeune par mois (issue 14) : les chiffres à une fin de mois cumulent les mois de
-- l'année jusqu'à elle, sans réagréger les événements. Remplie ici depuis les faits déjà en base, puis
-- tenue par l'import avec l'activité annuelle (activiteAnnuelle.ts, même calcul). Les faits d'un jeune se
-- trouvent par un index : l'import ne recalcule que les jeunes qu'il touche, sans parcourir la table.
CREATE INDEX "evenement_jeune_idx" ON "evenement" USING btree ("code_structure","id_jeune");
--> statement-breakpoint
CREATE INDEX "situation_jeune_idx" ON "situation" USING btree ("code_structure","id_jeune");
--> statement-breakpoint
CREATE TABLE "activite_jeune_mois" (
	"code_structure" text NOT NULL,
	"id_jeune" text NOT NULL,
	"annee" integer NOT NULL,
	"mois" integer NOT NULL,
	"nb_ei" integer NOT NULL,
	"nb_collectif" integer NOT NULL,
	"contact" boolean NOT NULL,
	"jdi" boolean NOT NULL,
	"emploi" boolean NOT NULL,
	"emploi_durable" boolean NOT NULL,
	"alternance" boolean NOT NULL,
	"formation" boolean NOT NULL,
	"situation_professionnelle" boolean NOT NULL,
	CONSTRAINT "activite_jeune_mois_code_structure_id_jeune_annee_mois_pk" PRIMARY KEY("code_structure","id_jeune","annee","mois")
);
--> statement-breakpoint
INSERT INTO "activite_jeune_mois" (code_structure, id_jeune, annee, mois, nb_ei, nb_collectif, contact, jdi, emploi, emploi_durable, alternance, formation, situation_professionnelle)
    SELECT code_structure, id_jeune, annee, mois,
           CAST(count(*) FILTER (WHERE source = 'E' AND nature = 'ENTRETIEN_INDIVIDUEL') AS integer) AS nb_ei,
           CAST(count(*) FILTER (WHERE source = 'E' AND nature IN ('ATELIER', 'INFORMATION_COLLECTIVE')) AS integer) AS nb_collectif,
           bool_or(source = 'E') AS contact,
           -- JDI : un événement d'accompagnement entre le 1er août et le 31 décembre.
           bool_or(source = 'E' AND nature IN ('ENTRETIEN_INDIVIDUEL', 'ATELIER', 'INFORMATION_COLLECTIVE') AND date_part('month', debut) >= 8) AS jdi,
           bool_or(source = 'S' AND nature = 'EMPLOI') AS emploi,
           -- Emploi durable : CDI, emploi d'avenir, création d'entreprise, ou fin prévue au moins 6 mois
           -- après le début (début + 6 mois - 1 jour, ramené au dernier jour du mois : 31 août + 6 mois = fin février).
           bool_or(source = 'S' AND (nature = 'CREATION_ENTREPRISE' OR (nature = 'EMPLOI' AND (contrat IN ('CDI', 'EMPLOI_AVENIR')
                   OR (fin_prevue IS NOT NULL AND CAST(debut + INTERVAL '6 months' AS date) - 1 <= fin_prevue)) IS TRUE))) AS emploi_durable,
           bool_or(source = 'S' AND nature = 'ALTERNANCE') AS alternance,
           bool_or(source = 'S' AND nature = 'FORMATION') AS formation,
           bool_or(source = 'S' AND nature IN ('EMPLOI', 'ALTERNANCE', 'FORMATION', 'IMMERSION', 'CREATION_ENTREPRISE')) AS situation_professionnelle
    FROM (
      SELECT 'E' AS source, code_structure, id_jeune, CAST(date_part('year', date) AS integer) AS annee, CAST(date_part('month', date) AS integer) AS mois, type AS nature,
             CAST(NULL AS text) AS contrat, date AS debut, CAST(NULL AS date) AS fin_prevue
      FROM evenement WHERE true
      UNION ALL
      SELECT 'S', code_structure, id_jeune, CAST(date_part('year', date_debut) AS integer), CAST(date_part('month', date_debut) AS integer) AS mois, categorie, type_contrat, date_debut, date_fin_prevue
      FROM situation WHERE true
    ) faits
    GROUP BY code_structure, id_jeune, annee, mois
;
