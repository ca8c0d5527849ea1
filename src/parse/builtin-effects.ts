// Builtins that change what later commands of the line see: cd, source, export/declare, set --,
// shift, unset, and context switches (`kubectl config use-context`, `terraform workspace select`).

import type { ExpandedWord } from '../types.js';
import { envFilePath } from './wrappers/env-runners.js';
import { basename, resolvePath } from './posix-path.js';
import { type ExtractOptions, MAX_LIST_LENGTH, UNKNOWN_VALUE, type WalkState, setVariables, unshare } from './walk-state.js';

/** Builtins that change what later commands see: cd, export, unset, declare. */
export function applyBuiltinEffects(
  name: string,
  args: ExpandedWord[],
  assignments: { name: string; value: string }[],
  state: WalkState,
  commandScope: WalkState,
  envFiles: ExtractOptions['envFiles'],
): void {
  const values = args.map((arg) => arg.value);
  const command = basename(name);
  if ((command === 'kubectl' || command === 'oc') && values[0] === 'config' && values[1] === 'use-context' && values[2]) {
    state.session = { ...state.session, kubeContext: values[2] };
  } else if ((command === 'kubectx' || command === 'kctx') && values[0] && !values[0].startsWith('-')) {
    state.session = { ...state.session, kubeContext: values[0] };
  } else if (['terraform', 'tofu'].includes(command) && values[0] === 'workspace' && ['select', 'new'].includes(values[1] ?? '') && values[2]) {
    state.session = { ...state.session, terraformWorkspace: values[2] };
  }
  switch (name) {
    case 'cd': {
      const target = args.find((arg) => !arg.value.startsWith('-') || arg.value === '-');
      const dir = target ? target.value : (commandScope.vars.HOME ?? state.home);
      // An absolute cd works even where the starting directory is unknown (`ssh db1 'cd /x && …'`).
      if (target?.dynamic || dir === '-' || (state.cwd === '' && !dir.startsWith('/'))) return;
      state.cwd = resolvePath(state.cwd || '/', dir);
      return;
    }
    case 'source':
    case '.': {
      // The edge read the sourced file (as dotenv); its variables hold for the rest of the line.
      // Whether they are exported (`export X=`, `set -a`) is not tracked: count them as exported.
      const file = args[0];
      if (!file || file.dynamic || (state.cwd === '' && !file.value.startsWith('/'))) return;
      const vars = envFiles?.[envFilePath(state.cwd, file.value)];
      if (vars) setVariables(state, { ...vars });
      return;
    }
    case 'export':
    case 'declare':
    case 'typeset':
    case 'local':
    case 'readonly':
      for (const { name: variable, value } of assignments) {
        setVariables(state, { [variable]: value });
      }
      // `export $(grep -v '^#' .env.production | xargs)`: the file's variables, when the edge read it.
      for (const arg of args) {
        if (arg.envFile === undefined || (state.cwd === '' && !arg.envFile.startsWith('/'))) continue;
        const vars = envFiles?.[envFilePath(state.cwd, arg.envFile)];
        if (vars) setVariables(state, { ...vars });
      }
      return;
    case 'set': {
      // `set -- a b` (or `set a b`): the positional parameters become the words after it.
      const dashDash = values.indexOf('--');
      const start = dashDash !== -1 ? dashDash + 1 : values.length > 0 && !/^[-+]/.test(values[0]!) ? 0 : -1;
      if (start === -1) return;
      if (args.length - start > MAX_LIST_LENGTH) delete state.positional;
      else state.positional = args.slice(start).map((arg) => (arg.dynamic ? UNKNOWN_VALUE : arg.value));
      return;
    }
    case 'shift': {
      const count = values[0] === undefined ? 1 : /^\d+$/.test(values[0]) ? Number(values[0]) : undefined;
      if (state.positional) {
        if (count === undefined) delete state.positional;
        else state.positional = state.positional.slice(count);
      }
      return;
    }
    case 'unset':
      for (const arg of args) {
        if (arg.value.startsWith('-')) continue;
        unshare(state);
        delete state.vars[arg.value];
        delete state.assigned[arg.value];
      }
      return;
  }
}
