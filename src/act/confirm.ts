// Edge: a confirmation is the name of the target typed by a person, not "y" (DESIGN.md). Without
// a terminal — CI, pipes, CI=true — there is no person to ask, so confirm becomes a refusal.

import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';

export function canPrompt(env: NodeJS.ProcessEnv): boolean {
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Ask for each name in turn; true only when every answer matches exactly. The prompt is drawn on
 * standard error so the command's own output on standard output stays clean.
 */
export async function confirmByTypingNames(names: readonly string[], intro: string): Promise<boolean> {
  const { default: inquirer } = await import('inquirer');
  process.stderr.write(`${intro}\n`);
  const { default: chalk } = await import('chalk');
  for (const name of names) {
    // The answer line keeps its mark: a green ✔ only for the name itself, a red ✖ and "not
    // confirmed" for anything else (inquirer's own mark is a ✔ for every answer). The prefix is
    // read when the answer is drawn, after the transformer saw the typed text.
    let typed = '';
    const matches = () => typed.trim() === name;
    const prefix = {
      idle: chalk.blue('?'),
      get done() {
        return matches() ? chalk.green('✔') : chalk.red('✖');
      },
    };
    try {
      const { answer } = await inquirer.prompt<{ answer: string }>(
        [
          {
            type: 'input',
            name: 'answer',
            message: `Type "${name}" to continue (anything else cancels):`,
            theme: { prefix },
            transformer: (value: string, { isFinal }: { isFinal: boolean }) => {
              typed = value;
              return isFinal && !matches() ? `${value} ${chalk.red('not confirmed')}` : value;
            },
          },
        ],
        { output: process.stderr },
      );
      typed = answer;
      if (answer.trim() !== name) return false;
    } catch {
      // Ctrl-C or a closed terminal during the prompt is a "no".
      return false;
    }
  }
  return true;
}

/** Open the controlling terminal directly (for callers whose stdin is not the terminal). */
export function openTerminal(): { input: ReadStream; output: WriteStream; close(): void } | undefined {
  try {
    const inFd = openSync('/dev/tty', 'r');
    const outFd = openSync('/dev/tty', 'w');
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    return {
      input,
      output,
      close() {
        input.destroy();
        output.destroy();
        try {
          closeSync(inFd);
        } catch {
          /* already closed by the stream */
        }
      },
    };
  } catch {
    return undefined;
  }
}
