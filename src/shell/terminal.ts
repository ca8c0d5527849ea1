// Edge: the shell hook talks to the person on the controlling terminal itself. Its standard
// output and error go to files the snippet reads (so a crash is one line, not a stack trace in
// the middle of the prompt), and the line editor (readline, zle, fish) has the terminal in raw
// mode: node's readline sets its own mode and restores the editor's when done.

import { createInterface } from 'node:readline';
import { openTerminal } from '../act/confirm.js';

export interface Terminal {
  write(text: string): void;
  /** One line typed by the person; undefined on Ctrl-C, Ctrl-D or a closed terminal. */
  ask(question: string): Promise<string | undefined>;
  stream: NodeJS.WriteStream;
  close(): void;
}

export function openHookTerminal(): Terminal | undefined {
  const tty = openTerminal();
  if (!tty) return undefined;
  return {
    stream: tty.output as unknown as NodeJS.WriteStream,
    write: (text) => void tty.output.write(text),
    ask: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: tty.input, output: tty.output, terminal: true, historySize: 0 });
        let settled = false;
        const finish = (answer: string | undefined) => {
          if (settled) return;
          settled = true;
          rl.close();
          resolve(answer);
        };
        rl.on('SIGINT', () => {
          tty.output.write('^C\n');
          finish(undefined);
        });
        rl.on('close', () => finish(undefined));
        rl.question(question, (answer) => finish(answer));
      }),
    close: () => tty.close(),
  };
}
