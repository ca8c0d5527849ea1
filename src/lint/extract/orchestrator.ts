// Orchestrator (MySQL topology manager) configuration. GitHub's first remediation after its
// 2018-10-21 incident was to stop Orchestrator promoting a primary across regions: a 43-second
// partition moved the primaries to US West, and writes on both sides could not be reconciled
// (github-2018). `PreventCrossRegionMasterFailover: false` spelled out is that setting undone.

import { isScalar } from 'yaml';
import { LineIndex } from '../positions.js';
import type { Extracted, LintProblem } from '../types.js';
import { deref, isMap, isSeq, keyString, nodeStart, parseYaml } from './yaml-source.js';

const KEY = 'PreventCrossRegionMasterFailover';
/** Where Orchestrator learns an instance's region; without either, every instance is in the
 *  same (empty) region and no promotion crosses one. */
const REGION_SOURCES = ['RegionPattern', 'DetectRegionQuery'];
/** Where it learns the data center: a file that sets these but no region source has said how it
 *  locates instances, and regions are not part of it. */
const LOCATION_SOURCES = ['DataCenterPattern', 'DetectDataCenterQuery', 'PhysicalEnvironmentPattern'];

export function extractOrchestratorConfig(text: string): Extracted {
  const index = new LineIndex(text);
  const parsed = parseYaml(text, index, 'Orchestrator config');
  if (!parsed.doc) return { snippets: [], problems: parsed.problems, ...(parsed.notices ? { notices: parsed.notices } : {}) };
  const doc = parsed.doc;
  const problems: LintProblem[] = [];
  const visit = (node: unknown, depth: number): void => {
    const n = deref(node, doc);
    if (depth > 6) return;
    if (isSeq(n)) for (const item of n.items) visit(item, depth + 1);
    if (!isMap(n)) return;
    for (const pair of n.items) {
      const value = deref(pair.value, doc);
      if (keyString(pair) === KEY && isScalar(value) && (value.value === false || value.value === 'false')) {
        const pos = index.position(nodeStart(pair.key));
        problems.push({
          rule: 'topology/cross-region-promotion',
          severity: 'confirm',
          line: pos.line,
          column: pos.column,
          message: `${KEY} is false: after a short partition Orchestrator may promote a replica in another region to primary, and writes on both sides cannot be reconciled (github-2018); set it to true`,
        });
      } else visit(pair.value, depth + 1);
    }
  };
  visit(doc.contents, 0);
  const keys = topLevelKeys(doc.contents, doc);
  const locatesWithoutRegions = LOCATION_SOURCES.some((key) => keys.has(key)) && !REGION_SOURCES.some((key) => nonEmpty(keys.get(key)));
  return { snippets: [], problems: locatesWithoutRegions ? problems.filter((p) => p.rule !== 'topology/cross-region-promotion') : problems };
}

function topLevelKeys(node: unknown, doc: Parameters<typeof deref>[1]): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  const n = deref(node, doc);
  if (!isMap(n)) return keys;
  for (const pair of n.items) {
    const key = keyString(pair);
    if (key !== undefined) keys.set(key, deref(pair.value, doc));
  }
  return keys;
}

function nonEmpty(value: unknown): boolean {
  return value !== undefined && !(isScalar(value) && (value.value === '' || value.value === null));
}
