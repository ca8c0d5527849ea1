// `prodguard init SHELL`'s text: the shell's script (src/shell/scripts/) with its settings — the
// constants of src/shell/protocol.ts and the prefilter's words — written in by its adapter.

import { readFileSync } from 'node:fs';
import { COMMAND_PREFIXES, HARMLESS_REDIRECT_TARGETS, LAUNCHERS } from './prefilter.js';
import { HOOK_EXIT, REQUEST_END, REQUEST_MAGIC, WARM_ACTIONS } from './protocol.js';
import { adapterFor, type Settings, type ShellAdapter, type ShellName, type SnippetOptions } from './adapters.js';

/** The settings every script reads, from the one protocol module and the prefilter. */
export function settingsFor(options: SnippetOptions): Settings {
  const { prefilter } = options;
  return {
    scalars: [
      ['__prodguard_version', options.version],
      ['__prodguard_run', options.runDir],
      ['__prodguard_warm', options.warm ? '1' : '0'],
      ['__prodguard_every', prefilter.everyLine ? '1' : '0'],
      ['__prodguard_show', options.prompt ? '1' : '0'],
      ['__prodguard_redirects', prefilter.redirects ? '1' : '0'],
      ['__prodguard_exit_run', String(HOOK_EXIT.run)],
      ['__prodguard_exit_refused', String(HOOK_EXIT.refused)],
      ['__prodguard_exit_unparsed', String(HOOK_EXIT.unparsed)],
      ['__prodguard_exit_stale_confirmed_run', String(HOOK_EXIT.staleConfirmedRun)],
      ['__prodguard_exit_stale_confirmed_refused', String(HOOK_EXIT.staleConfirmedRefused)],
      ['__prodguard_magic', REQUEST_MAGIC],
      ['__prodguard_end', REQUEST_END],
      ['__prodguard_action_run', WARM_ACTIONS.run],
      ['__prodguard_action_refuse', WARM_ACTIONS.refuse],
      ['__prodguard_action_unparsed', WARM_ACTIONS.unparsed],
    ],
    lists: [
      ['__prodguard_key_variables', [...options.keyVariables]],
      ['__prodguard_patterns', prefilter.patterns],
    ],
    sets: [
      ['__prodguard_words', prefilter.words],
      ['__prodguard_wrappers', prefilter.wrappers],
      ['__prodguard_prefixes', [...COMMAND_PREFIXES]],
      ['__prodguard_launchers', [...LAUNCHERS]],
      ['__prodguard_harmless_targets', [...HARMLESS_REDIRECT_TARGETS]],
    ],
    maps: [['__prodguard_pairs', Object.entries(prefilter.pairs).map(([name, companions]) => [name, companions.join(' ')])]],
  };
}

const scripts = new Map<string, string>();

/** The script's text: next to this module in src/ (tests) and dist/shell/ (tsc), and, from the
 *  bundle in dist/bundle/, in dist/shell/scripts/ as well (the build copies it there). */
export function scriptText(adapter: ShellAdapter): string {
  let text = scripts.get(adapter.script);
  if (text === undefined) {
    text = readFileSync(new URL(`../shell/scripts/${adapter.script}`, import.meta.url), 'utf8');
    scripts.set(adapter.script, text);
  }
  return text;
}

/** The text `prodguard init SHELL` prints: a header, then the script with its settings in place
 *  (its own leading comments and linter directives left out). */
export function renderSnippet(shell: ShellName, options: SnippetOptions): string {
  const adapter = adapterFor(shell);
  const body = scriptText(adapter).replace(/^(#[^\n]*\n)+/, '');
  if (!body.includes('# @settings@')) throw new Error(`src/shell/scripts/${adapter.script} has no "# @settings@" line`);
  const settings = adapter.settings(settingsFor({ ...options, warm: options.warm && adapter.warm }));
  return header(shell, options) + body.replace(/^# @settings@[^\n]*$/m, () => settings);
}

function header(shell: ShellName, options: SnippetOptions): string {
  const lines = [
    `# prodguard ${options.version} shell integration for ${shell}, printed by \`prodguard init ${shell}\`.`,
    '# Before a line runs, a shell-side prefilter looks for words some prodguard rule can match; only',
    '# then is prodguard asked (it may show findings, ask you to type a target name, or refuse).',
    '# If prodguard is missing or fails, the line runs and ONE line says so: a broken guard must not',
    '# lock you out of your shell. PRODGUARD_PROMPT=0 keeps your prompt unchanged (the segment is',
    '# then in $__prodguard_segment). Regenerate after upgrading prodguard or changing rule folders.',
  ];
  if (options.prefilter.everyLine) lines.push(`# Every line is checked: ${options.prefilter.reasons.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}
