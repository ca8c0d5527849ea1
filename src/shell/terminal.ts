// Edge: the shell hook talks to the person on the controlling terminal itself. Its standard
// output and error go to files the snippet reads (so a crash is one line, not a stack trace in
// the middle of the prompt), and the line editor (readline, zle, fish) has the terminal in raw
// mode: node's readline sets its own mode and restores the editor's when done.

import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openTerminal } from '../act/confirm.js';

export interface Terminal {
  write(text: string): void;
  /** One line typed by the person; undefined on Ctrl-C, Ctrl-D or a closed terminal. */
  ask(question: string): Promise<string | undefined>;
  close(): void;
}

/**
 * The controlling terminal, or undefined when there is none. Writing goes straight to a
 * descriptor; the tty streams readline needs are built only when a question is asked (most
 * lines the hook sees are allowed, and building them costs more than judging the line).
 */
export function openHookTerminal(): Terminal | undefined {
  let outFd: number;
  try {
    outFd = openSync('/dev/tty', 'w');
  } catch {
    return undefined;
  }
  let tty: ReturnType<typeof openTerminal>;
  return {
    write: (text) => void writeSync(outFd, text),
    ask: (question) =>
      new Promise((resolve) => {
        tty ??= openTerminal();
        if (!tty) return resolve(undefined);
        const { input, output } = tty;
        const rl = createInterface({ input, output, terminal: true, historySize: 0 });
        let settled = false;
        const finish = (answer: string | undefined) => {
          if (settled) return;
          settled = true;
          rl.close();
          resolve(answer);
        };
        rl.on('SIGINT', () => {
          output.write('^C\n');
          finish(undefined);
        });
        rl.on('close', () => finish(undefined));
        rl.question(question, (answer) => finish(answer));
      }),
    close: () => {
      tty?.close();
      closeSync(outFd);
    },
  };
}
