// Le jumeau en mémoire du dépôt des dialogues (port : src/application/ports/depotDialogues.ts), pour
// les tests unitaires des cas d'usage. Même sémantique que la base : la jointure dialogue-ML-région-
// campagne, des valeurs copiées à l'entrée et à la sortie (comme des colonnes JSON), des transactions
// l'une après l'autre (le verrou), et une transaction qui lève n'écrit rien.
import type { Trace } from '../../src/application/audit.ts';
import type {
  Bilan,
  ContenuInstantane,
  Convention,
  DepotDialogues,
  DialoguesEnTransaction,
  EcheancesCampagne,
  EnteteInstantane,
  Evenement,
  LecturesDialogues,
  LigneAvenant,
  LigneDialogue,
  NouvelAvenant,
} from '../../src/application/ports/depotDialogues.ts';
import type { Horloge } from '../../src/application/ports/horloge.ts';

/** Une Mission locale, avec le nom de sa région : les colonnes que le dialogue en lit. */
export type MissionLocale = Pick<LigneDialogue, 'code_structure' | 'nom' | 'siret' | 'adresse' | 'code_departement' | 'code_region' | 'nom_region'>;

/** Une ligne de la table dialogue. */
export interface DialogueStocke extends Pick<LigneDialogue, 'id' | 'campagne_id' | 'code_structure' | 'annee' | 'etat' | 'autodiagnostic' | 'entretien' | 'objectifs' | 'decision'> {
  definitif: boolean;
  modifie_le: string | null;
}

export interface InstantaneStocke extends ContenuInstantane {
  entete: EnteteInstantane;
}

/** Ce que le jumeau garde : une table par Map ou par liste, lisible par les tests. */
export interface Tables {
  mls: Map<string, MissionLocale>;
  campagnes: Map<number, EcheancesCampagne>;
  instantanes: Map<number, InstantaneStocke>;
  dialogues: Map<number, DialogueStocke>;
  conventions: Map<string, Convention>;
  avenants: Map<number, LigneAvenant & { genere_par: string }>;
  evenements: (Evenement & { dialogue: number })[];
  bilans: (Bilan & { dialogue: number })[];
  audit: (Trace & { horodatage: string })[];
}

const tablesVides = (): Tables => ({
  mls: new Map(),
  campagnes: new Map(),
  instantanes: new Map(),
  dialogues: new Map(),
  conventions: new Map(),
  avenants: new Map(),
  evenements: [],
  bilans: [],
  audit: [],
});

const copie = <T>(v: T): T => structuredClone(v);

const HORODATAGE_PARIS = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** AAAA-MM-JJTHH:MM:SS à l'heure de Paris, comme `horodatageParis` en SQL. */
const horodatageParis = (instant: Date) => HORODATAGE_PARIS.format(instant).replace(' ', 'T');

export class DepotDialoguesMemoire implements DepotDialogues {
  /** Les tables ; remplacées par leur copie d'avant quand une transaction est annulée. */
  tables = tablesVides();
  /** Les écritures qui lèvent, pour simuler une panne de la base au milieu d'une transaction. */
  readonly pannes = new Set<keyof DialoguesEnTransaction>();
  /** Une transaction est-elle ouverte ? Sur la base embarquée, lire la base pendant ce temps bloquerait. */
  transactionEnCours = false;
  private file: Promise<unknown> = Promise.resolve();

  constructor(private readonly horloge: Horloge) {}

  /** Ajoute des lignes aux tables (les constructeurs de test/outils/constructeurs.ts les fabriquent). */
  avec(lignes: {
    mls?: MissionLocale[];
    campagnes?: EcheancesCampagne[];
    instantanes?: InstantaneStocke[];
    dialogues?: DialogueStocke[];
    conventions?: (Convention & { code_structure: string })[];
    avenants?: (LigneAvenant & { dialogue: number; genere_par: string })[];
  }): this {
    for (const m of lignes.mls ?? []) this.tables.mls.set(m.code_structure, copie(m));
    for (const c of lignes.campagnes ?? []) this.tables.campagnes.set(c.id, copie(c));
    for (const i of lignes.instantanes ?? []) this.tables.instantanes.set(i.entete.id, copie(i));
    for (const d of lignes.dialogues ?? []) this.tables.dialogues.set(d.id, copie(d));
    for (const { code_structure, ...c } of lignes.conventions ?? []) this.tables.conventions.set(code_structure, copie(c));
    for (const { dialogue, ...a } of lignes.avenants ?? []) this.tables.avenants.set(dialogue, copie(a));
    return this;
  }

  /** Une photographie des tables, pour vérifier qu'un refus n'a rien changé. */
  photo(): Tables {
    return copie(this.tables);
  }

  dialogue = (id: number) => this.lectures().dialogue(id);
  convention = (code: string) => this.lectures().convention(code);
  decisionsAnterieures = (code: string, annee: number) => this.lectures().decisionsAnterieures(code, annee);
  avenant = (id: number) => this.lectures().avenant(id);
  enteteInstantane = (id: number) => this.lectures().enteteInstantane(id);
  contenuInstantane = (id: number) => this.lectures().contenuInstantane(id);
  historique = (id: number) => this.lectures().historique(id);
  bilans = (id: number) => this.lectures().bilans(id);
  echeances = (id: number) => this.lectures().echeances(id);

  transaction<T>(travail: (d: DialoguesEnTransaction) => Promise<T>): Promise<T> {
    const resultat = this.file.then(async () => {
      const avant = copie(this.tables);
      this.transactionEnCours = true;
      try {
        return await travail(this.enTransaction());
      } catch (e) {
        this.tables = avant;
        throw e;
      } finally {
        this.transactionEnCours = false;
      }
    });
    this.file = resultat.catch(() => {});
    return resultat;
  }

  private lectures(): LecturesDialogues {
    const t = () => this.tables;
    return {
      async dialogue(id) {
        const d = t().dialogues.get(id);
        if (!d) return null;
        const { definitif: _d, modifie_le: _m, ...colonnes } = d;
        const { code_structure: _c, ...ml } = t().mls.get(d.code_structure)!;
        return copie({ ...colonnes, ...ml, instantane_id: t().campagnes.get(d.campagne_id)!.instantane_id });
      },
      convention: async (code) => copie(t().conventions.get(code) ?? null),
      decisionsAnterieures: async (code, annee) =>
        [...t().dialogues.values()].filter((d) => d.code_structure === code && d.annee !== annee && d.decision !== null).map((d) => copie({ annee: d.annee, montants: d.decision!.montants })),
      async avenant(id) {
        const a = t().avenants.get(id);
        if (!a) return null;
        const { genere_par: _g, ...ligne } = a;
        return copie(ligne);
      },
      enteteInstantane: async (id) => copie(t().instantanes.get(id)?.entete ?? null),
      async contenuInstantane(id) {
        const i = t().instantanes.get(id);
        return i ? copie({ integre: i.integre, contenu: i.contenu }) : null;
      },
      historique: async (id) => t().evenements.filter((e) => e.dialogue === id).map(({ dialogue: _d, ...e }) => copie(e)),
      bilans: async (id) => t().bilans.filter((b) => b.dialogue === id).map(({ dialogue: _d, ...b }) => copie(b)),
      echeances: async (id) => copie(t().campagnes.get(id) ?? null),
    };
  }

  private enTransaction(): DialoguesEnTransaction {
    const operations = this.operations();
    for (const nom of this.pannes) {
      operations[nom] = async () => {
        throw new Error(`panne simulée : ${nom}`);
      };
    }
    return operations;
  }

  private operations(): DialoguesEnTransaction {
    const t = () => this.tables;
    const maintenant = () => horodatageParis(this.horloge.maintenant());
    const dialogue = (id: number) => {
      const d = t().dialogues.get(id);
      if (!d) throw new Error(`jumeau : pas de dialogue ${id}`);
      return d;
    };
    const avenant = (id: number) => {
      const a = t().avenants.get(id);
      if (!a) throw new Error(`jumeau : pas d'avenant pour le dialogue ${id}`);
      return a;
    };
    return {
      ...this.lectures(),
      horodatage: async () => maintenant(),
      async enregistrerTransition(tr) {
        const d = dialogue(tr.dialogue);
        Object.assign(d, copie(tr.ecritures), { etat: tr.vers, definitif: tr.definitif, modifie_le: maintenant() });
        t().evenements.push({ dialogue: tr.dialogue, action: tr.action, de: tr.de, vers: tr.vers, acteur: tr.acteur, role: tr.role, horodatage: maintenant(), motif: tr.motif });
      },
      async enregistrerAutodiagnostic(id, contenu) {
        Object.assign(dialogue(id), { autodiagnostic: copie(contenu), modifie_le: maintenant() });
      },
      async ajouterAvenant(id, a: NouvelAvenant) {
        if (t().avenants.has(id)) throw new Error(`jumeau : le dialogue ${id} a déjà un avenant (clé primaire)`);
        t().avenants.set(id, { ...copie(a), signature_ml: null, signature_etat: null, empreinte_signatures: null, empreinte_pdf_signe: null, genere_le: maintenant() });
      },
      async signerAvenantMl(id, signature) {
        avenant(id).signature_ml = signature;
      },
      async signerAvenantEtat(id, signature, empreinteSignatures, empreintePdfSigne) {
        Object.assign(avenant(id), { signature_etat: signature, empreinte_signatures: empreinteSignatures, empreinte_pdf_signe: empreintePdfSigne });
      },
      async ajouterBilan(id, b) {
        dialogue(id);
        t().bilans.push({ dialogue: id, ...copie(b), cree_le: maintenant() });
      },
      async auditer(trace) {
        t().audit.push({ ...copie(trace), horodatage: maintenant() });
      },
    };
  }
}
