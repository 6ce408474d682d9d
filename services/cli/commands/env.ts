import { CORE_ENV } from '../../core/config/config';
import type { EnvVar } from '../../core/config/env';
import { serviceDefinitions } from '../service-registry';
import { SERVICE_NAMES } from '../../core/service/service';
import { demoService } from '../../demo/service';

/** Every environment variable the process reads, core first, then per service. */
export function allEnvVars(): { section: string; vars: EnvVar[] }[] {
  // The demo player is not one of the services `all` starts (only --demo adds it), but its settings belong in the list.
  const definitions = [...serviceDefinitions([...SERVICE_NAMES]), demoService];
  return [{ section: 'core', vars: CORE_ENV }, ...definitions.map((d) => ({ section: d.name, vars: d.env ?? [] }))].filter((s) => s.vars.length > 0);
}

/** `fruehwarn env [--markdown]`: the table the README carries. */
export function envCommand(flags: Record<string, string | boolean>): void {
  const sections = allEnvVars();
  if (flags.markdown) {
    const lines = ['| variable | service | default | meaning |', '| --- | --- | --- | --- |'];
    for (const s of sections)
      for (const v of s.vars)
        lines.push(`| \`${v.name}\` | ${s.section} | ${v.default !== undefined ? `\`${v.default}\`` : v.requiredWhen ? `required ${v.requiredWhen}` : '(unset)'} | ${v.description}${v.secret ? ' Secret: may be given as a file with `' + v.name + '_FILE`.' : ''} |`);
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  for (const s of sections) {
    process.stdout.write(`${s.section}\n`);
    for (const v of s.vars) process.stdout.write(`  ${v.name.padEnd(34)} ${v.default !== undefined ? `[${v.default}] ` : ''}${v.description}\n`);
  }
}
