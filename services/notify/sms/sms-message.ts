import type { Alert } from '../../core/model/alert';

/** SMS text in the recipient's language: headline, instruction, link. Kept within three GSM-7 parts where possible. */
export function smsTextFor(alert: Alert, language: 'de' | 'en', publicUrl: string): string {
  const info = alert.info.find((i) => i.language.toLowerCase().startsWith(language)) ?? alert.info[0];
  const marker = alert.status === 'Actual' ? '' : language === 'de' ? 'ÜBUNG: ' : 'EXERCISE: ';
  const link = `${publicUrl}/?w=${encodeURIComponent(alert.identifier)}`;
  const text = `${marker}${info?.headline ?? ''}. ${info?.instruction ?? ''}`.replace(/\s+/g, ' ').trim();
  const room = 3 * 153 - link.length - 2;
  return `${text.length > room ? text.slice(0, room - 1) + '…' : text} ${link}`;
}
