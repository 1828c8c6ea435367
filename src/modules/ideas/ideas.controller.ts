import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { NotFoundError, ValidationFailedError } from '../../common/errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { parseStoredLayers, snapshotOf } from '../../core/plan/plan-snapshot';
import { IDEA_STORE, IdeaRecord, IdeaStoreApi } from '../../persistence/idea-store.types';
import { ChartLayersQueryDto, ChartLayersResponseDto, IdeaQueryDto, IdeaResponseDto, PLAN_ID_RE } from './dto/idea.dto';
import { PlanHistoryQueryDto, PlanHistoryResponseDto } from './dto/plan-history.dto';
import { encodeHistoryCursor, historyItem, historyQuery } from './plan-history';

/** A stored idea; its plan is read through the plan schema (500 snapshot_unreadable when it no longer fits). */
function present(r: IdeaRecord): IdeaResponseDto {
  return {
    plan_id: r.plan_id,
    plan_version: r.plan_version,
    version: r.plan_version,
    symbol: r.symbol,
    style: r.style,
    kind: r.kind,
    created_at: r.created_at,
    plan: snapshotOf(r),
  };
}

function checkPlanId(planId: string): string {
  if (!PLAN_ID_RE.test(planId)) throw ValidationFailedError.field('plan_id', 'must be a plan_id such as SPY-intraday-20261124-abcdef');
  return planId;
}

/** Read-only access to persisted plans (idea snapshots) and their chart layers, scoped to the caller. */
@ApiTags('ideas')
@ApiBearerAuth()
@Controller()
export class IdeasController {
  constructor(
    @Inject(IDEA_STORE) private readonly store: IdeaStoreApi,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('api/v1/ideas')
  @ApiOperation({
    operationId: 'listIdeas',
    summary: 'The caller’s plans, newest first (paged by next_cursor), filtered by symbol and ET days from/to, each with the follower’s final state (outcome).',
  })
  @ApiOkResponse({ type: PlanHistoryResponseDto })
  async listIdeas(@CurrentUser() userId: string, @Query() q: PlanHistoryQueryDto): Promise<PlanHistoryResponseDto> {
    const query = historyQuery(q);
    if (!this.store.listPlans) throw new NotFoundError('plan history is not available on this store');
    const page = await this.store.listPlans(userId, query);
    const plans = page.entries.map(historyItem);
    return { plans, count: plans.length, next_cursor: page.nextBeforeId !== null ? encodeHistoryCursor(page.nextBeforeId) : null };
  }

  @Get('idea/:plan_id')
  @ApiOperation({ operationId: 'getIdea', summary: 'Read a persisted plan by plan_id (latest version, or ?v=N).' })
  @ApiOkResponse({ type: IdeaResponseDto })
  async getIdea(@CurrentUser() userId: string, @Param('plan_id') planId: string, @Query() q: IdeaQueryDto): Promise<IdeaResponseDto> {
    return present(await this.store.get(userId, checkPlanId(planId), q.v));
  }

  @Get('idea/:plan_id/:version')
  @ApiOperation({ operationId: 'getIdeaVersion', summary: 'Read one version of a persisted plan.' })
  @ApiOkResponse({ type: IdeaResponseDto })
  async getIdeaVersion(@CurrentUser() userId: string, @Param('plan_id') planId: string, @Param('version') rawVersion: string): Promise<IdeaResponseDto> {
    if (!/^[1-9][0-9]{0,6}$/.test(rawVersion) || Number(rawVersion) > 1_000_000) throw ValidationFailedError.field('version', 'must be an integer 1–1000000');
    return present(await this.store.get(userId, checkPlanId(planId), Number(rawVersion)));
  }

  @Get('api/v1/gpt/chart-layers')
  @ApiOperation({ operationId: 'getChartLayers', summary: 'Chart layers (levels, zones, annotations) persisted with a plan.' })
  @ApiOkResponse({ type: ChartLayersResponseDto })
  async getChartLayers(@CurrentUser() userId: string, @Query() q: ChartLayersQueryDto): Promise<ChartLayersResponseDto> {
    if (!this.config.flags.layersEndpoint) throw new NotFoundError('Plan layers unavailable (FF_LAYERS_ENDPOINT is off)');
    const layers = await this.store.getLayers(userId, q.plan_id, q.v ?? q.plan_version);
    const plan = snapshotOf(await this.store.get(userId, layers.plan_id, layers.plan_version));
    return { ...parseStoredLayers(layers, { plan_id: layers.plan_id, version: layers.plan_version }), data_source: plan.data_source, as_of: plan.as_of };
  }
}
