import type { Alert, AlertInfo } from '../../core/model/alert';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function infoFor(alert: Alert, lang: 'de' | 'en'): AlertInfo | undefined {
  return alert.info.find((i) => i.language.toLowerCase().startsWith(lang));
}

/**
 * One bilingual e-mail per alert revision: German first (the official language of the
 * warning), English after it, in a plain-text and an HTML part. Exercises are marked in the
 * subject so nobody mistakes them for a real warning.
 */
export function emailMessageFor(alert: Alert, publicUrl: string): EmailMessage {
  const de = infoFor(alert, 'de') ?? alert.info[0];
  const en = infoFor(alert, 'en');
  const marker = alert.status === 'Actual' ? '' : `[${alert.status === 'Exercise' ? 'ÜBUNG / EXERCISE' : 'TEST'}] `;
  const link = `${publicUrl}/api31/warnings/${encodeURIComponent(alert.identifier)}.json`;
  const blocks = [de, en].filter((i): i is AlertInfo => Boolean(i));
  const text = blocks
    .map((i) => [i.headline, '', i.description, '', i.instruction, '', `${i.senderName}${i.contact ? ` · ${i.contact}` : ''}`].join('\n'))
    .join('\n\n-----\n\n')
    .concat(`\n\n${link}\n`);
  const html =
    `<!doctype html><html><body style="font-family:sans-serif">` +
    blocks
      .map(
        (i) =>
          `<section lang="${escapeHtml(i.language)}"><h1>${escapeHtml(i.headline)}</h1><p>${escapeHtml(i.description).replace(/\n/g, '<br>')}</p>` +
          `<p><strong>${escapeHtml(i.instruction).replace(/\n/g, '<br>')}</strong></p><p>${escapeHtml(i.senderName)}</p></section>`,
      )
      .join('<hr>') +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`;
  return { subject: marker + (de?.headline ?? alert.identifier) + (en ? ` / ${en.headline}` : ''), text, html };
}
