import type { IdeaRecord } from '../../persistence/idea-store.types';
import type { Style } from '../../core/strategies/strategy.types';

/**
 * What auto-replan (stream module) needs from the plan module: PlanService.generate. Bound by PlanModule
 * under REPLANNER; the stream module injects it optionally, so it also runs without plans.
 */
export interface Replanner {
  generate(args: { userId: string; symbol: string; style: Style }): Promise<{ status: string; record?: IdeaRecord }>;
}

export const REPLANNER = Symbol('REPLANNER');
