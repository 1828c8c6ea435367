import type { Playbook, Style } from '../strategy.types';
import { emaPullback } from './ema-pullback.playbook';
import { gapFill } from './gap-fill.playbook';
import { middayFade } from './midday-fade.playbook';
import { orbRetest } from './orb-retest.playbook';
import { powerHour } from './power-hour.playbook';
import { rangeBreak } from './range-break.playbook';
import { swingBreakout } from './swing-breakout.playbook';
import { vwapCluster } from './vwap-cluster.playbook';

export { emaPullback, gapFill, middayFade, orbRetest, powerHour, rangeBreak, swingBreakout, vwapCluster };

/** Every playbook, in tie-break order. */
export const PLAYBOOKS: readonly Playbook[] = [orbRetest, vwapCluster, gapFill, middayFade, powerHour, emaPullback, rangeBreak, swingBreakout];

export function playbooksForStyle(style: Style): Playbook[] {
  return PLAYBOOKS.filter((p) => p.styles.some((s) => s.style === style));
}
