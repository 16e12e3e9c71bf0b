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
	"nb_ei_01" integer,
	"nb_ei_02" integer,
	"nb_ei_03" integer,
	"nb_ei_04" integer,
	"nb_ei_05" integer,
	"nb_ei_06" integer,
	"nb_ei_07" integer,
	"nb_ei_08" integer,
	"nb_ei_09" integer,
	"nb_ei_10" integer,
	"nb_ei_11" integer,
	"nb_ei_12" integer,
	"nb_collectif_01" integer,
	"nb_collectif_02" integer,
	"nb_collectif_03" integer,
	"nb_collectif_04" integer,
	"nb_collectif_05" integer,
	"nb_collectif_06" integer,
	"nb_collectif_07" integer,
	"nb_collectif_08" integer,
	"nb_collectif_09" integer,
	"nb_collectif_10" integer,
	"nb_collectif_11" integer,
	"nb_collectif_12" integer,
	"contact_mois" smallint,
	"jdi_mois" smallint,
	"emploi_mois" smallint,
	"emploi_durable_mois" smallint,
	"alternance_mois" smallint,
	"formation_mois" smallint,
	"situation_professionnelle_mois" smallint,
	CONSTRAINT "activite_jeune_mois_code_structure_id_jeune_annee_pk" PRIMARY KEY("code_structure","id_jeune","annee")
);
--> statement-breakpoint
INSERT INTO "activite_jeune_mois" (code_structure, id_jeune, annee, nb_ei_01, nb_ei_02, nb_ei_03, nb_ei_04, nb_ei_05, nb_ei_06, nb_ei_07, nb_ei_08, nb_ei_09, nb_ei_10, nb_ei_11, nb_ei_12, nb_collectif_01, nb_collectif_02, nb_collectif_03, nb_collectif_04, nb_collectif_05, nb_collectif_06, nb_collectif_07, nb_collectif_08, nb_collectif_09, nb_collectif_10, nb_collectif_11, nb_collectif_12, contact_mois, jdi_mois, emploi_mois, emploi_durable_mois, alternance_mois, formation_mois, situation_professionnelle_mois)
    SELECT code_structure, id_jeune, annee,
           CAST(sum(nb_ei) FILTER (WHERE mois = 1 AND nb_ei > 0) AS integer) AS nb_ei_01,
           CAST(sum(nb_ei) FILTER (WHERE mois = 2 AND nb_ei > 0) AS integer) AS nb_ei_02,
           CAST(sum(nb_ei) FILTER (WHERE mois = 3 AND nb_ei > 0) AS integer) AS nb_ei_03,
           CAST(sum(nb_ei) FILTER (WHERE mois = 4 AND nb_ei > 0) AS integer) AS nb_ei_04,
           CAST(sum(nb_ei) FILTER (WHERE mois = 5 AND nb_ei > 0) AS integer) AS nb_ei_05,
           CAST(sum(nb_ei) FILTER (WHERE mois = 6 AND nb_ei > 0) AS integer) AS nb_ei_06,
           CAST(sum(nb_ei) FILTER (WHERE mois = 7 AND nb_ei > 0) AS integer) AS nb_ei_07,
           CAST(sum(nb_ei) FILTER (WHERE mois = 8 AND nb_ei > 0) AS integer) AS nb_ei_08,
           CAST(sum(nb_ei) FILTER (WHERE mois = 9 AND nb_ei > 0) AS integer) AS nb_ei_09,
           CAST(sum(nb_ei) FILTER (WHERE mois = 10 AND nb_ei > 0) AS integer) AS nb_ei_10,
           CAST(sum(nb_ei) FILTER (WHERE mois = 11 AND nb_ei > 0) AS integer) AS nb_ei_11,
           CAST(sum(nb_ei) FILTER (WHERE mois = 12 AND nb_ei > 0) AS integer) AS nb_ei_12,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 1 AND nb_collectif > 0) AS integer) AS nb_collectif_01,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 2 AND nb_collectif > 0) AS integer) AS nb_collectif_02,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 3 AND nb_collectif > 0) AS integer) AS nb_collectif_03,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 4 AND nb_collectif > 0) AS integer) AS nb_collectif_04,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 5 AND nb_collectif > 0) AS integer) AS nb_collectif_05,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 6 AND nb_collectif > 0) AS integer) AS nb_collectif_06,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 7 AND nb_collectif > 0) AS integer) AS nb_collectif_07,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 8 AND nb_collectif > 0) AS integer) AS nb_collectif_08,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 9 AND nb_collectif > 0) AS integer) AS nb_collectif_09,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 10 AND nb_collectif > 0) AS integer) AS nb_collectif_10,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 11 AND nb_collectif > 0) AS integer) AS nb_collectif_11,
           CAST(sum(nb_collectif) FILTER (WHERE mois = 12 AND nb_collectif > 0) AS integer) AS nb_collectif_12,
           CAST(min(mois) FILTER (WHERE contact) AS smallint) AS contact_mois,
           CAST(min(mois) FILTER (WHERE jdi) AS smallint) AS jdi_mois,
           CAST(min(mois) FILTER (WHERE emploi) AS smallint) AS emploi_mois,
           CAST(min(mois) FILTER (WHERE emploi_durable) AS smallint) AS emploi_durable_mois,
           CAST(min(mois) FILTER (WHERE alternance) AS smallint) AS alternance_mois,
           CAST(min(mois) FILTER (WHERE formation) AS smallint) AS formation_mois,
           CAST(min(mois) FILTER (WHERE situation_professionnelle) AS smallint) AS situation_professionnelle_mois
    FROM (
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
    GROUP BY code_structure, id_jeune, annee, mois) mois GROUP BY code_structure, id_jeune, annee;
