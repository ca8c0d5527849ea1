// `kamal app exec -d production 'CMD'`, `fly ssh console -a APP -C 'CMD'`, `cf ssh APP -c CMD`,
// `railway run -e production CMD`: the command runs inside the deployed app, with the app's
// environment, not this shell's. Judged as run there: the app (or destination, or environment)
// is the host, as production as its name says (knowledge/app-consoles.ts holds each CLI's words).

import type { ExecutionHost } from '../../types.js';
import { APP_CONSOLES } from '../../knowledge/app-consoles.js';
import { optionValue, scanOptions } from '../options.js';
import { type UnwrapStep, type Unwrapper, command, script } from './step.js';

export const appConsole: Unwrapper = (inv) => {
  const spec = Object.hasOwn(APP_CONSOLES, inv.name) ? APP_CONSOLES[inv.name]! : undefined;
  if (!spec) return [];
  const dashDash = inv.args.findIndex((w) => w.value === '--');
  const own = dashDash === -1 ? inv.args : inv.args.slice(0, dashDash);
  // The path (`ssh console`, `app exec`) may follow global options: find it among the positionals.
  const scan = scanOptions(own, { ...spec.options, stopAtPositional: false });
  const path = spec.paths.find((candidate) =>
    candidate.every((word, index) => scan.positionals[index] !== undefined && own[scan.positionals[index]!]!.value === word),
  );
  if (!path) return [];
  const pathEnd = scan.positionals[path.length - 1]!;
  const before = scanOptions(own.slice(0, pathEnd), { ...spec.options, stopAtPositional: false });
  const after = own.slice(pathEnd + 1);
  // After the path, options end at the command (or, for `cf ssh APP`, at the app's name).
  const head = scanOptions(after, { ...spec.options, stopAtPositional: true });
  let rest = after.slice(head.rest);
  let positionalApp: string | undefined;
  let tail = head;
  if (spec.appPositional && rest[0]) {
    positionalApp = rest[0].value;
    tail = scanOptions(rest.slice(1), { ...spec.options, stopAtPositional: false });
    rest = [];
  }
  const valueOf = (flags: readonly string[]): string | undefined =>
    flags.map((flag) => optionValue(tail, flag) ?? optionValue(head, flag) ?? optionValue(before, flag)).find((value) => value !== undefined && value !== '');
  const app = valueOf(spec.appOptions) ?? positionalApp ?? spec.appVariables.map((name) => inv.env[name]).find(Boolean) ?? spec.unnamed;
  const host: ExecutionHost = { kind: 'container', runtime: inv.name === 'flyctl' ? 'fly' : (inv.name as 'kamal' | 'fly' | 'cf' | 'railway'), name: app };
  const extra = { host, env: {}, assigned: {}, envUnknown: true, cwd: '' };
  const via = `${inv.name} ${path.join(' ')} (${app})`;
  const steps: UnwrapStep[] = [];
  const commandText = valueOf(spec.commandOptions);
  if (commandText) steps.push(...script(via, commandText, extra));
  const words = dashDash !== -1 ? inv.args.slice(dashDash + 1) : spec.trailingCommand ? rest : [];
  // One quoted word is a shell line (`kamal app exec 'bin/rails db:reset'`); several are argv.
  if (words.length === 1) steps.push(...script(via, words[0]!.value, extra));
  else if (words.length > 1) steps.push(...command(via, words, extra));
  return steps;
};

/** The CLIs read here (wrappers.ts registers each). */
export const APP_CONSOLE_NAMES: readonly string[] = Object.keys(APP_CONSOLES);
