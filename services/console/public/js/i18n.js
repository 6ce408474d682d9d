// German first (the office's working language), English second. Elements carry
// data-i18n (text), data-i18n-label (aria-label) or data-i18n-placeholder.
const TEXT = {
  de: {
    'app.title': 'Fruehwarn Lagebild', 'nav.board': 'Lagebild', 'nav.rules': 'Regeln', 'nav.citizen': 'Bürgerseite', 'nav.logout': 'Abmelden',
    'skip': 'Zum Inhalt springen', 'lang.switch': 'English', 'lang.label': 'Sprache wechseln',
    'stream.live': 'Live', 'stream.reconnecting': 'Verbindung wird wiederhergestellt …', 'stream.connecting': 'Verbinde …',
    'sound.on': 'Ton an', 'sound.off': 'Ton aus',
    'incidents': 'Ereignisse', 'incidents.none': 'Keine offenen Ereignisse.', 'incidents.closed': 'Abgeschlossen',
    'new.incident': 'Neues Ereignis', 'dismiss': 'Gesehen',
    'level': 'Stufe', 'hazard.flood': 'Hochwasser', 'hazard.wildfire': 'Waldbrand', 'hazard.sensor': 'Sensor',
    'state.pending': 'wartet auf Freigabe', 'state.internal': 'intern (nur Leitstelle)', 'state.released': 'freigegeben', 'state.cleared': 'Entwarnung', 'state.cancelled': 'aufgehoben',
    'drivers': 'Auslöser', 'silenced': 'stummgeschaltet', 'acknowledged': 'bestätigt von',
    'act.release': 'Freigeben', 'act.acknowledge': 'Bestätigen', 'act.silence': 'Stummschalten', 'act.cancel': 'Aufheben', 'act.audit': 'Protokoll',
    'confirm': 'Bestätigen', 'abort': 'Abbrechen', 'reason': 'Begründung', 'until': 'Bis (Ende der Stummschaltung)',
    'release.title': 'Warnung freigeben', 'release.hint': 'Die Texte gehen so an die Bevölkerung. Bitte prüfen.',
    'headline': 'Überschrift', 'description': 'Beschreibung', 'instruction': 'Handlungsempfehlung',
    'silence.title': 'Stummschalten', 'cancel.title': 'Ereignis aufheben', 'ack.title': 'Ereignis bestätigen',
    'silences': 'Stummschaltungen', 'silences.none': 'Keine aktiven Stummschaltungen.', 'silences.new': 'Neue Stummschaltung', 'silences.hint': 'Stummgeschaltete Ereignisse erscheinen weiter im Lagebild, lösen aber keinen Alarm und keine Benachrichtigung aus.',
    'silences.end': 'Beenden', 'silences.end.title': 'Stummschaltung beenden', 'silences.area': 'Bezirk', 'silences.rule': 'Regel (leer: alle Regeln)', 'silences.allAreas': 'alle Bezirke', 'silences.allRules': 'alle Regeln', 'silences.by': 'von', 'silences.needsTarget': 'Bitte einen Bezirk oder eine Regel wählen.',
    'audit.title': 'Protokoll', 'map': 'Karte: Gefahrenstufen der Stadtbezirke', 'map.flood': 'Hochwasser', 'map.wildfire': 'Waldbrand',
    'map.notiles': 'Ohne Kartenhintergrund: nur Bezirksgrenzen.', 'health': 'Sensorzustand', 'health.ok': 'in Ordnung',
    'prob.silent': 'still', 'prob.stuck': 'hängt', 'prob.implausible': 'unplausibel', 'station': 'Station', 'lastseen': 'Zuletzt',
    'chart': 'Messverlauf', 'chart.station': 'Station wählen', 'chart.empty': 'Noch keine Messwerte.', 'chart.levels': 'Meldestufen',
    'feed': 'Veröffentlicht (öffentlicher Feed)', 'feed.none': 'Derzeit keine öffentlichen Warnungen.',
    'done': 'Erledigt.', 'failed': 'Fehlgeschlagen', 'login.title': 'Anmeldung', 'login.name': 'Name', 'login.password': 'Passwort', 'login.submit': 'Anmelden',
    'login.demo': 'Demo-Zugänge (nur im Demobetrieb sichtbar)', 'login.failed': 'Name oder Passwort falsch.',
    'rules.title': 'Regelwerkstatt', 'rules.file': 'Regeldatei', 'rules.editor': 'Regeltext (YAML)', 'rules.valid': 'Gültig', 'rules.invalid': 'Fehler',
    'rules.backtest': 'Backtest mit Aufzeichnung', 'rules.save': 'Speichern', 'rules.comment': 'Änderungsgrund', 'rules.history': 'Änderungen',
    'bt.readings': 'Messwerte', 'bt.gained': 'neu', 'bt.lost': 'entfallen', 'bt.shifted': 'verschoben', 'bt.lead': 'Vorwarnzeit',
    'bt.base': 'geltende Regeln', 'bt.edited': 'bearbeitet', 'bt.none': 'Kein Unterschied.', 'bt.running': 'Backtest läuft …', 'saved': 'Gespeichert.',
    'citizen.title': 'Warnungen für meinen Ort', 'citizen.intro': 'Wählen Sie einen Ort auf der Karte oder geben Sie Koordinaten ein. Sie erhalten dann Warnungen der Stadt Hagen für diesen Ort als Push-Nachricht.',
    'citizen.lat': 'Breite (z. B. 51.36)', 'citizen.lon': 'Länge (z. B. 7.47)', 'citizen.use': 'Ort übernehmen', 'citizen.locate': 'Meinen Standort verwenden',
    'citizen.current': 'Aktuelle Warnungen für diesen Ort', 'citizen.nowarnings': 'Derzeit keine Warnungen für diesen Ort.',
    'citizen.subscribe': 'Warnungen abonnieren', 'citizen.unsubscribe': 'Abbestellen und Daten löschen', 'citizen.subscribed': 'Abonniert. Sie erhalten Warnungen für diesen Ort.',
    'citizen.erased': 'Abbestellt. Ihre Daten wurden gelöscht.', 'citizen.nopush': 'Dieser Browser unterstützt keine Push-Nachrichten.',
    'citizen.denied': 'Benachrichtigungen sind blockiert. Bitte in den Browser-Einstellungen erlauben.', 'citizen.place': 'Gewählter Ort', 'citizen.noplace': 'Noch kein Ort gewählt.',
    'citizen.privacy': 'Gespeichert werden nur der Ort und die Push-Adresse Ihres Browsers, bis Sie abbestellen.', 'citizen.exercises': 'Auch Probewarnungen erhalten',
  },
  en: {
    'app.title': 'Fruehwarn situation board', 'nav.board': 'Board', 'nav.rules': 'Rules', 'nav.citizen': 'Citizens\' page', 'nav.logout': 'Log out',
    'skip': 'Skip to content', 'lang.switch': 'Deutsch', 'lang.label': 'Switch language',
    'stream.live': 'Live', 'stream.reconnecting': 'Reconnecting …', 'stream.connecting': 'Connecting …',
    'sound.on': 'Sound on', 'sound.off': 'Sound off',
    'incidents': 'Incidents', 'incidents.none': 'No open incidents.', 'incidents.closed': 'Closed',
    'new.incident': 'New incident', 'dismiss': 'Seen',
    'level': 'Level', 'hazard.flood': 'Flood', 'hazard.wildfire': 'Wildfire', 'hazard.sensor': 'Sensor',
    'state.pending': 'awaiting release', 'state.internal': 'internal (duty officers only)', 'state.released': 'released', 'state.cleared': 'all clear', 'state.cancelled': 'cancelled',
    'drivers': 'Drivers', 'silenced': 'silenced', 'acknowledged': 'acknowledged by',
    'act.release': 'Release', 'act.acknowledge': 'Acknowledge', 'act.silence': 'Silence', 'act.cancel': 'Cancel', 'act.audit': 'Audit trail',
    'confirm': 'Confirm', 'abort': 'Back', 'reason': 'Reason', 'until': 'Until (end of silence)',
    'release.title': 'Release warning', 'release.hint': 'These texts go to the public as shown. Please check them.',
    'headline': 'Headline', 'description': 'Description', 'instruction': 'Instruction',
    'silence.title': 'Silence', 'cancel.title': 'Cancel incident', 'ack.title': 'Acknowledge incident',
    'silences': 'Silences', 'silences.none': 'No active silences.', 'silences.new': 'New silence', 'silences.hint': 'Silenced incidents stay on the board but raise no alarm and send no notification.',
    'silences.end': 'End', 'silences.end.title': 'End silence', 'silences.area': 'District', 'silences.rule': 'Rule (empty: every rule)', 'silences.allAreas': 'every district', 'silences.allRules': 'every rule', 'silences.by': 'by', 'silences.needsTarget': 'Choose a district or a rule.',
    'audit.title': 'Audit trail', 'map': 'Map: hazard levels of the districts', 'map.flood': 'Flood', 'map.wildfire': 'Wildfire',
    'map.notiles': 'No map tiles: district outlines only.', 'health': 'Sensor health', 'health.ok': 'fine',
    'prob.silent': 'silent', 'prob.stuck': 'stuck', 'prob.implausible': 'implausible', 'station': 'Station', 'lastseen': 'Last seen',
    'chart': 'Readings', 'chart.station': 'Choose station', 'chart.empty': 'No readings yet.', 'chart.levels': 'Warning levels',
    'feed': 'Published (public feed)', 'feed.none': 'No public warnings at present.',
    'done': 'Done.', 'failed': 'Failed', 'login.title': 'Login', 'login.name': 'Name', 'login.password': 'Password', 'login.submit': 'Log in',
    'login.demo': 'Demo accounts (shown in demo mode only)', 'login.failed': 'Name or password is wrong.',
    'rules.title': 'Rule workbench', 'rules.file': 'Rule file', 'rules.editor': 'Rule text (YAML)', 'rules.valid': 'Valid', 'rules.invalid': 'Errors',
    'rules.backtest': 'Backtest against recording', 'rules.save': 'Save', 'rules.comment': 'Reason for the change', 'rules.history': 'Changes',
    'bt.readings': 'readings', 'bt.gained': 'gained', 'bt.lost': 'lost', 'bt.shifted': 'shifted', 'bt.lead': 'lead time',
    'bt.base': 'rules in force', 'bt.edited': 'edited', 'bt.none': 'No difference.', 'bt.running': 'Backtest running …', 'saved': 'Saved.',
    'citizen.title': 'Warnings for my place', 'citizen.intro': 'Choose a place on the map or type coordinates. You will then get the City of Hagen\'s warnings for that place as push messages.',
    'citizen.lat': 'Latitude (e.g. 51.36)', 'citizen.lon': 'Longitude (e.g. 7.47)', 'citizen.use': 'Use this place', 'citizen.locate': 'Use my location',
    'citizen.current': 'Current warnings for this place', 'citizen.nowarnings': 'No warnings for this place at present.',
    'citizen.subscribe': 'Subscribe to warnings', 'citizen.unsubscribe': 'Unsubscribe and erase my data', 'citizen.subscribed': 'Subscribed. You will get warnings for this place.',
    'citizen.erased': 'Unsubscribed. Your data has been erased.', 'citizen.nopush': 'This browser does not support push messages.',
    'citizen.denied': 'Notifications are blocked. Please allow them in the browser settings.', 'citizen.place': 'Chosen place', 'citizen.noplace': 'No place chosen yet.',
    'citizen.privacy': 'Only the place and your browser\'s push address are stored, until you unsubscribe.', 'citizen.exercises': 'Also receive test warnings',
  },
};

export function language() {
  const saved = localStorage.getItem('fruehwarn.lang');
  if (saved === 'de' || saved === 'en') return saved;
  return (navigator.language || 'de').toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function t(key, lang = language()) {
  return TEXT[lang][key] ?? TEXT.de[key] ?? key;
}

export function applyTexts(root = document) {
  const lang = language();
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n, lang);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel, lang));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder, lang));
}

/** A button that switches language and re-renders through onChange. */
export function languageButton(button, onChange) {
  const render = () => {
    button.textContent = t('lang.switch');
    // The accessible name starts with the visible text (WCAG 2.5.3): speech users say what they see.
    button.setAttribute('aria-label', `${t('lang.switch')} – ${t('lang.label')}`);
  };
  render();
  button.addEventListener('click', () => {
    localStorage.setItem('fruehwarn.lang', language() === 'de' ? 'en' : 'de');
    applyTexts();
    render();
    onChange?.();
  });
}

export function formatTime(ms) {
  if (ms == null) return '–';
  return new Date(ms).toLocaleString(language() === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
