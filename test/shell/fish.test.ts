// The prodguard hook in a real interactive fish, driven through tmux (see scenarios.ts).
import { shellScenarios } from './scenarios.js';

shellScenarios('fish');
