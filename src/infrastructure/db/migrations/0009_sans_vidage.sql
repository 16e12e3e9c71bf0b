-- TRUNCATE ne passe pas par les déclencheurs de ligne : un avenant, l'historique d'un dialogue ou un
-- dialogue signé se vidaient sans trace. Les bilans intermédiaires, qui ne se rattachent qu'à un dialogue
-- signé, passent en ajout seul. ENABLE ALWAYS partout : même sous session_replication_role = replica
-- (l'import en superutilisateur), aucun de ces déclencheurs ne se tait.
CREATE OR REPLACE FUNCTION refuser_modification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'la table % est en ajout seul : elle ne se vide pas (TRUNCATE refusé)', TG_TABLE_NAME;
  END IF;
  RAISE EXCEPTION 'la table % est en ajout seul : ni modification ni suppression', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION refuser_vidage_dialogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'la table dialogue ne se vide pas : un dialogue signé ne s''efface pas (TRUNCATE refusé)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER avenant_pas_de_vidage BEFORE TRUNCATE ON avenant FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER dialogue_evenement_pas_de_vidage BEFORE TRUNCATE ON dialogue_evenement FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER dialogue_pas_de_vidage BEFORE TRUNCATE ON dialogue FOR EACH STATEMENT EXECUTE FUNCTION refuser_vidage_dialogue();
--> statement-breakpoint
CREATE TRIGGER bilan_intermediaire_ajout_seul BEFORE UPDATE OR DELETE ON bilan_intermediaire FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER bilan_intermediaire_pas_de_vidage BEFORE TRUNCATE ON bilan_intermediaire FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
ALTER TABLE journal_audit ENABLE ALWAYS TRIGGER journal_audit_pas_de_vidage;
--> statement-breakpoint
ALTER TABLE instantane ENABLE ALWAYS TRIGGER instantane_pas_de_vidage;
--> statement-breakpoint
ALTER TABLE avenant ENABLE ALWAYS TRIGGER avenant_pas_de_vidage;
--> statement-breakpoint
ALTER TABLE dialogue_evenement ENABLE ALWAYS TRIGGER dialogue_evenement_pas_de_vidage;
--> statement-breakpoint
ALTER TABLE dialogue ENABLE ALWAYS TRIGGER dialogue_pas_de_vidage;
--> statement-breakpoint
ALTER TABLE bilan_intermediaire ENABLE ALWAYS TRIGGER bilan_intermediaire_ajout_seul;
--> statement-breakpoint
ALTER TABLE bilan_intermediaire ENABLE ALWAYS TRIGGER bilan_intermediaire_pas_de_vidage;
