import type { AlertStatus } from '../../core/model/alert-event';
import type { RevisionKind } from '../core/alert-composer';
import type { EventKind } from './event-codes';
import type { Language } from './drivers';

/** Text of one level: headline (with the area's name), what is happening, what to do. */
interface LevelText {
  headline: (area: string) => string;
  description: string;
  instruction: string;
}

interface EventText {
  event: string;
  /** Levels 1..4. */
  levels: [LevelText, LevelText, LevelText, LevelText];
}

const same = (t: LevelText): [LevelText, LevelText, LevelText, LevelText] => [t, t, t, t];

const TEXTS: Record<EventKind, Record<Language, EventText>> = {
  flood: {
    de: {
      event: 'Hochwasser',
      levels: [
        { headline: (a) => `Hochwasser-Vorwarnung für ${a}`, description: 'Die Wasserstände steigen. Kleinere Ausuferungen an Bächen und Flüssen sind möglich.', instruction: 'Verfolgen Sie die Wasserstände und die Warnmeldungen. Meiden Sie Uferbereiche.' },
        { headline: (a) => `Hochwasserwarnung für ${a}`, description: 'Die Wasserstände sind hoch und steigen weiter. Überflutungen ufernaher Grundstücke, Straßen und Keller sind möglich.', instruction: 'Räumen Sie Keller und tief gelegene Räume. Bringen Sie Fahrzeuge aus gefährdeten Bereichen. Meiden Sie Ufer, Unterführungen und überflutete Straßen.' },
        { headline: (a) => `Hochwassergefahr in ${a}`, description: 'Es besteht Hochwassergefahr. Überflutungen von Straßen, Gebäuden und Kellern sind wahrscheinlich.', instruction: 'Halten Sie sich von Ufern, Unterführungen und überfluteten Straßen fern. Betreten Sie keine Keller. Schalten Sie in gefährdeten Räumen den Strom ab. Folgen Sie den Anweisungen der Einsatzkräfte.' },
        { headline: (a) => `Extremes Hochwasser in ${a}`, description: 'Es besteht Lebensgefahr durch extremes Hochwasser. Großflächige Überflutungen sind zu erwarten.', instruction: 'Begeben Sie sich sofort in höher gelegene Stockwerke oder Gebiete. Betreten Sie keine Keller und Tiefgaragen. Folgen Sie unverzüglich den Anweisungen der Einsatzkräfte. Notruf 112.' },
      ],
    },
    en: {
      event: 'Flood',
      levels: [
        { headline: (a) => `Flood pre-warning for ${a}`, description: 'Water levels are rising. Streams and rivers may overflow their banks in places.', instruction: 'Follow water levels and warnings. Keep away from river banks.' },
        { headline: (a) => `Flood warning for ${a}`, description: 'Water levels are high and still rising. Riverside properties, roads and cellars may be flooded.', instruction: 'Clear cellars and low-lying rooms. Move vehicles out of areas at risk. Keep away from river banks, underpasses and flooded roads.' },
        { headline: (a) => `Flood danger in ${a}`, description: 'There is a danger of flooding. Roads, buildings and cellars are likely to be flooded.', instruction: 'Keep away from river banks, underpasses and flooded roads. Do not enter cellars. Switch off electricity in rooms at risk. Follow the instructions of the emergency services.' },
        { headline: (a) => `Extreme flooding in ${a}`, description: 'Extreme flooding is a danger to life. Widespread flooding is expected.', instruction: 'Move to upper floors or higher ground now. Do not enter cellars or underground car parks. Follow the instructions of the emergency services at once. Emergency number 112.' },
      ],
    },
  },
  'heavy-rain': {
    de: {
      event: 'Starkregen',
      levels: [
        { headline: (a) => `Starkregen in ${a}`, description: 'Es regnet kräftig. Einzelne Straßen und Keller können überflutet werden.', instruction: 'Halten Sie Abflüsse frei und meiden Sie Unterführungen.' },
        { headline: (a) => `Heftiger Starkregen in ${a}`, description: 'Heftiger Regen kann Straßen, Unterführungen und Keller überfluten.', instruction: 'Schützen Sie Kellereingänge und Lichtschächte. Meiden Sie Unterführungen und tief gelegene Straßen.' },
        { headline: (a) => `Unwetter durch Starkregen in ${a}`, description: 'Sehr heftiger Regen. Überflutungen und Sturzfluten an kleinen Bächen sind wahrscheinlich.', instruction: 'Betreten Sie keine Keller und Tiefgaragen. Meiden Sie Bachläufe, Unterführungen und überflutete Straßen.' },
        { headline: (a) => `Extremer Starkregen in ${a}`, description: 'Extrem heftiger Regen. Es besteht Lebensgefahr durch Sturzfluten und Überflutungen.', instruction: 'Begeben Sie sich in höher gelegene Stockwerke. Betreten Sie keine Keller. Folgen Sie den Anweisungen der Einsatzkräfte. Notruf 112.' },
      ],
    },
    en: {
      event: 'Heavy rain',
      levels: [
        { headline: (a) => `Heavy rain in ${a}`, description: 'Heavy rain. Some roads and cellars may be flooded.', instruction: 'Keep drains clear and avoid underpasses.' },
        { headline: (a) => `Very heavy rain in ${a}`, description: 'Very heavy rain may flood roads, underpasses and cellars.', instruction: 'Protect cellar entrances and light wells. Avoid underpasses and low-lying roads.' },
        { headline: (a) => `Severe heavy rain in ${a}`, description: 'Severe rain. Flooding and flash floods on small streams are likely.', instruction: 'Do not enter cellars or underground car parks. Keep away from streams, underpasses and flooded roads.' },
        { headline: (a) => `Extreme rainfall in ${a}`, description: 'Extreme rain. Flash floods and flooding are a danger to life.', instruction: 'Move to upper floors. Do not enter cellars. Follow the instructions of the emergency services. Emergency number 112.' },
      ],
    },
  },
  'fire-danger': {
    de: {
      event: 'Waldbrandgefahr',
      levels: [
        { headline: (a) => `Erhöhte Waldbrandgefahr in ${a}`, description: 'Durch Trockenheit ist die Waldbrandgefahr erhöht.', instruction: 'Rauchen Sie nicht im Wald und entzünden Sie kein Feuer. Grillen Sie nur an ausgewiesenen Plätzen.' },
        { headline: (a) => `Hohe Waldbrandgefahr in ${a}`, description: 'Durch anhaltende Trockenheit ist die Waldbrandgefahr hoch.', instruction: 'Rauchen Sie nicht im Wald, entzünden Sie kein Feuer und parken Sie nicht auf trockenem Gras. Melden Sie Rauch sofort über Notruf 112.' },
        { headline: (a) => `Sehr hohe Waldbrandgefahr in ${a}`, description: 'Die Waldbrandgefahr ist sehr hoch. Schon ein Funke kann einen Brand auslösen.', instruction: 'Offenes Feuer und Grillen im und am Wald sind verboten. Meiden Sie nach Möglichkeit den Wald. Melden Sie Rauch sofort über Notruf 112.' },
        { headline: (a) => `Höchste Waldbrandgefahr in ${a}`, description: 'Es herrscht höchste Waldbrandgefahr. Brände können sich sehr schnell ausbreiten.', instruction: 'Betreten Sie den Wald nicht. Offenes Feuer ist verboten. Halten Sie Zufahrten für Einsatzkräfte frei. Melden Sie Rauch sofort über Notruf 112.' },
      ],
    },
    en: {
      event: 'Forest fire danger',
      levels: [
        { headline: (a) => `Elevated forest fire danger in ${a}`, description: 'Dry conditions have raised the forest fire danger.', instruction: 'Do not smoke or light fires in the forest. Barbecue only at designated places.' },
        { headline: (a) => `High forest fire danger in ${a}`, description: 'Lasting dry conditions make the forest fire danger high.', instruction: 'Do not smoke or light fires in the forest and do not park on dry grass. Report smoke at once: emergency number 112.' },
        { headline: (a) => `Very high forest fire danger in ${a}`, description: 'The forest fire danger is very high. A single spark can start a fire.', instruction: 'Open fires and barbecues in and near forests are forbidden. Avoid the forest if you can. Report smoke at once: emergency number 112.' },
        { headline: (a) => `Extreme forest fire danger in ${a}`, description: 'The forest fire danger is extreme. Fires can spread very fast.', instruction: 'Do not enter the forest. Open fires are forbidden. Keep access roads clear for the emergency services. Report smoke at once: emergency number 112.' },
      ],
    },
  },
  wildfire: {
    de: {
      event: 'Waldbrand',
      levels: [
        { headline: (a) => `Verdacht auf Waldbrand in ${a}`, description: 'Ein Rauchmelder im Wald hat ausgelöst. Die Feuerwehr prüft die Lage.', instruction: 'Meiden Sie das Gebiet und halten Sie Zufahrten frei. Melden Sie Feuer über Notruf 112.' },
        { headline: (a) => `Verdacht auf Waldbrand in ${a}`, description: 'Rauchmelder im Wald haben ausgelöst. Ein Waldbrand ist wahrscheinlich.', instruction: 'Meiden Sie das Gebiet und halten Sie Zufahrten frei. Schließen Sie bei Rauch Fenster und Türen. Melden Sie Feuer über Notruf 112.' },
        { headline: (a) => `Waldbrand in ${a}`, description: 'Es brennt im Wald. Rauch kann sich in die Umgebung ausbreiten.', instruction: 'Meiden Sie das Gebiet. Schließen Sie Fenster und Türen und schalten Sie Lüftungen und Klimaanlagen ab. Folgen Sie den Anweisungen der Einsatzkräfte.' },
        { headline: (a) => `Großer Waldbrand in ${a}`, description: 'Ein großer Waldbrand breitet sich aus. Es besteht Gefahr durch Feuer und Rauch.', instruction: 'Verlassen Sie das Gebiet, wenn die Einsatzkräfte dazu auffordern. Schließen Sie Fenster und Türen und schalten Sie Lüftungen ab. Notruf 112.' },
      ],
    },
    en: {
      event: 'Forest fire',
      levels: [
        { headline: (a) => `Suspected forest fire in ${a}`, description: 'A smoke detector in the forest has triggered. The fire brigade is checking.', instruction: 'Avoid the area and keep access roads clear. Report fire: emergency number 112.' },
        { headline: (a) => `Suspected forest fire in ${a}`, description: 'Smoke detectors in the forest have triggered. A forest fire is likely.', instruction: 'Avoid the area and keep access roads clear. Close windows and doors if there is smoke. Report fire: emergency number 112.' },
        { headline: (a) => `Forest fire in ${a}`, description: 'The forest is on fire. Smoke may spread to the surroundings.', instruction: 'Avoid the area. Close windows and doors and switch off ventilation and air conditioning. Follow the instructions of the emergency services.' },
        { headline: (a) => `Major forest fire in ${a}`, description: 'A major forest fire is spreading. Fire and smoke are a danger.', instruction: 'Leave the area when the emergency services tell you to. Close windows and doors and switch off ventilation. Emergency number 112.' },
      ],
    },
  },
  sensor: {
    de: {
      event: 'Messstation gestört',
      levels: same({ headline: (a) => `Messstation gestört in ${a}`, description: 'Eine Messstation liefert keine oder unplausible Daten. Die Überwachung des Gebiets ist eingeschränkt.', instruction: 'Station prüfen lassen und Ersatzdaten (PEGELONLINE, Nachbarstationen) heranziehen.' }),
    },
    en: {
      event: 'Sensor fault',
      levels: same({ headline: (a) => `Sensor fault in ${a}`, description: 'A station sends no or implausible data. Monitoring of the area is limited.', instruction: 'Have the station checked and use substitute data (PEGELONLINE, neighbouring stations).' }),
    },
  },
};

const STATUS_MARK: Record<Language, Record<AlertStatus, string>> = {
  de: { Actual: '', Exercise: ' (Übung)', Test: ' (Probewarnung)' },
  en: { Actual: '', Exercise: ' (exercise)', Test: ' (test)' },
};
const STATUS_NOTE: Record<Language, Record<AlertStatus, string>> = {
  de: { Actual: '', Exercise: 'Dies ist eine Übung. ', Test: 'Dies ist eine Probewarnung. ' },
  en: { Actual: '', Exercise: 'This is an exercise. ', Test: 'This is a test warning. ' },
};

export interface RenderInput {
  kind: RevisionKind;
  eventKind: EventKind;
  level: number;
  language: Language;
  areaName: string;
  status: AlertStatus;
  /** Driver phrases (drivers.ts), e.g. "Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h". */
  drivers: string;
}

export interface RenderedText {
  event: string;
  headline: string;
  description: string;
  instruction: string;
}

/**
 * Headline, description and instruction of one revision in one language. Every message has an
 * instruction (NINA shows it prominently). Non-Actual messages say so in headline and text;
 * the all-clear headline always starts "Entwarnung:" / "All clear:".
 */
export function renderText(input: RenderInput): RenderedText {
  const t = TEXTS[input.eventKind][input.language];
  const de = input.language === 'de';
  const mark = STATUS_MARK[input.language][input.status];
  const note = STATUS_NOTE[input.language][input.status];
  const measured = input.drivers ? (de ? ` Messwerte: ${input.drivers}.` : ` Measurements: ${input.drivers}.`) : '';
  if (input.kind === 'all-clear') {
    return {
      event: t.event,
      headline: (de ? `Entwarnung: ${t.event} in ${input.areaName}` : `All clear: ${t.event} in ${input.areaName}`) + mark,
      description:
        note +
        (de
          ? `Die Gefahr (${t.event}) für ${input.areaName} ist vorüber. Die Messwerte liegen wieder unter den Warnschwellen.`
          : `The danger (${t.event.toLowerCase()}) for ${input.areaName} is over. Measurements are below the warning thresholds again.`),
      instruction: de
        ? 'Bleiben Sie bei Aufräumarbeiten vorsichtig und informieren Sie sich weiter über die örtlichen Medien.'
        : 'Take care while clearing up and keep following local news.',
    };
  }
  if (input.kind === 'cancelled') {
    return {
      event: t.event,
      headline: (de ? `Warnung aufgehoben: ${t.event} in ${input.areaName}` : `Warning withdrawn: ${t.event} in ${input.areaName}`) + mark,
      description: note + (de ? `Die Warnung (${t.event}) für ${input.areaName} wurde aufgehoben.` : `The warning (${t.event.toLowerCase()}) for ${input.areaName} has been withdrawn.`),
      instruction: de ? 'Es sind keine Schutzmaßnahmen mehr erforderlich.' : 'No protective action is needed any more.',
    };
  }
  const level = t.levels[Math.min(4, Math.max(1, Math.round(input.level))) - 1]!;
  return {
    event: t.event,
    headline: level.headline(input.areaName) + mark,
    description: note + level.description + measured,
    instruction: level.instruction,
  };
}
