import { api } from './api.js';
import { applyTexts, languageButton, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

async function main() {
  applyTexts();
  languageButton($('lang'));
  const config = await api('/console/api/config');
  if (config.demo && config.demoAccounts.length) {
    $('demo').hidden = false;
    $('demo-accounts').replaceChildren(...config.demoAccounts.map((a) => {
      const li = document.createElement('li');
      li.textContent = `${a.name} / ${a.password} (${a.role})`;
      return li;
    }));
  }
  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('error').textContent = '';
    try {
      const me = await api('/console/api/login', { method: 'POST', body: { name: $('name').value, password: $('password').value } });
      const next = new URLSearchParams(location.search).get('next');
      // Only a path on this site: never an open redirect.
      const target = next && /^\/console\/[a-z/]*$/.test(next) ? next : me.role === 'analyst' ? '/console/analyst' : '/console/';
      location.assign(target);
    } catch (err) {
      $('error').textContent = err.status === 401 ? t('login.failed') : `${t('failed')}: ${err.message}`;
      $('password').focus();
    }
  });
  $('name').focus();
}

main();
