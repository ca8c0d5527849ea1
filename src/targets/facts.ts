// Facts gathered at the edge (files, OS, inventories, kubeconfig) that target resolution reads.

import type { ConfiguredEnvironment } from '../config/schema.js';
import type { KubeconfigFacts } from '../parse/kubeconfig.js';
import { type ConnectionFile } from './connection-files.js';

/** Facts gathered at the edge (files, OS) that target resolution needs. */
export interface TargetFacts {
  hostname: string;
  /** kubeconfig's current-context, when a kube command is present. */
  kubeCurrentContext?: string;
  /** Parsed `.env*` files by absolute path. */
  envFiles: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `.terraform/environment` of the working directory, when a terraform command is present. */
  terraformWorkspace?: string;
  /** current-context of kubeconfig files the line names (`--kubeconfig F`, `KUBECONFIG=F`), by absolute path. */
  kubeconfigContexts?: Readonly<Record<string, string>>;
  /** Contexts and clusters of the kubeconfig in effect (KUBECONFIG list or ~/.kube/config). */
  kubeconfig?: KubeconfigFacts;
  /** Contexts and clusters of kubeconfig files the line names, by absolute path. */
  kubeconfigFiles?: Readonly<Record<string, KubeconfigFacts>>;
  /**
   * Lint: a variable the file does not set is set at run time (a CI secret), so a client argument
   * such as `psql "$DATABASE_URL"` names an unknown database, not the local default.
   */
  unsetMeansUnknown?: boolean;
  /**
   * Connection files the line's clients would read (pg_service.conf, my.cnf, ~/.mylogin.cnf), as
   * read at the edge, by absolute path; a file that does not exist is absent. Undefined where
   * nothing was read (lint: the files of the machine it runs on are not the script's).
   */
  connectionFiles?: Readonly<Record<string, ConnectionFile>>;
  /** The home directory of the person running the line, for clients' dot files. */
  home?: string;
  /**
   * Ansible inventories an `ansible PATTERN` line reads (`-i FILE`, else ansible.cfg's `inventory =`
   * in its folder), keyed by `ansibleInventoryKey`: groups, and what their names say of each host.
   */
  ansibleInventories?: Readonly<Record<string, AnsibleInventoryFacts>>;
  /**
   * Playbooks an `ansible-playbook` line runs, keyed by `ansibleInventoryKey(cwd, playbook)`: the host
   * patterns of their plays, imports followed. A playbook absent here could not be read.
   */
  ansiblePlaybooks?: Readonly<Record<string, { patterns: string[]; files: string[] }>>;
  /** The config's inventories' groups (group → hosts, and the file), for Ansible patterns. */
  ansibleGroups?: Readonly<Record<string, { hosts: string[]; file: string }>>;
  /**
   * Files read to judge the line that could not be used (a kubeconfig that is not YAML, an
   * inventory the line names that cannot be read): one line each naming the file and the fix.
   * The line is judged with the rest; check, run and status say each line on stderr.
   */
  warnings?: string[];
}

export interface AnsibleInventoryFacts {
  file: string;
  groups: Record<string, string[]>;
  /** host → environment and evidence, from the inventory's own group names. */
  environments: Record<string, { environment: ConfiguredEnvironment; evidence: string }>;
}

/** Which inventory (or playbook) an ansible line reads: its `-i` value (or the playbook), resolved from where it runs. */
export function ansibleInventoryKey(cwd: string, inventory: string | undefined): string {
  return `${cwd}\u0000${inventory ?? ''}`;
}

/** A file a line names, from where the line runs (`--kubeconfig k.yaml`, `-chdir=infra`). */
export function resolveFile(cwd: string, file: string): string {
  return file.startsWith('/') ? file : `${(cwd || '/').replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}
