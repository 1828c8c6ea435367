import { SimulateOpenHeader } from '../../common/simulate-open-header.decorator';
import { snapshotOf } from '../../core/plan/plan-snapshot';
import { Body, Controller, HttpCode, Inject, Optional, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { UnprocessableError, ValidationFailedError } from '../../common/errors';
import { parseContractStyle, type ContractFilters, type ContractStyle } from '../../core/contracts/contract-filters';
import type { PlanAnchors } from '../../core/contracts/rank-contracts';
import { IDEA_STORE, type IdeaStoreApi } from '../../persistence/idea-store.types';
import type { OptionRight } from '../../providers/provider.types';
import { normalizeSymbol } from '../context/symbol';
import { ContractsService } from './contracts.service';
import { ContractsRequestDto } from './dto/contracts-request.dto';
import { ContractsResponseDto } from './dto/contracts-response.dto';

function sideOf(token: string | undefined): OptionRight | undefined {
  const t = token?.trim().toLowerCase();
  if (!t) return undefined;
  if (t.startsWith('c') || t === 'long' || t === 'bullish') return 'call';
  if (t.startsWith('p') || t === 'short' || t === 'bearish') return 'put';
  return undefined;
}

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('gpt')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    @Optional() @Inject(IDEA_STORE) private readonly store?: IdeaStoreApi,
  ) {}

  @Post('contracts')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'getContracts',
    summary:
      'Rank option contracts behind liquidity gates (spread, delta, DTE, OI, volume) with one-time relaxation, score components, greeks, scenario P/L at stop/targets and sizing from risk_amount.',
  })
  @ApiExtension('x-openai-isConsequential', false)
  @ApiOkResponse({ type: ContractsResponseDto })
  async rank(@CurrentUser() userId: string, @Body() body: ContractsRequestDto, @SimulateOpenHeader() simHeader?: string): Promise<ContractsResponseDto> {
    const symbol = normalizeSymbol(body.symbol);
    const plan = body.plan_id ? await this.loadPlan(userId, body.plan_id) : undefined;
    const side = sideOf(body.side) ?? sideOf(body.bias) ?? plan?.side;
    if (!side) {
      // 422, not 400: the schema's anyOf (side | bias | plan_id) says it, but generators read only the
      // properties of an object and its required list; a plan_id whose plan states no direction also lands here
      if (plan) throw UnprocessableError.field('side', 'the plan of plan_id has no direction: send side (call/put or long/short)');
      throw UnprocessableError.field('side', 'required (call/put or long/short), unless bias or plan_id gives it');
    }
    const style: ContractStyle = parseContractStyle(body.style) ?? parseContractStyle(plan?.style) ?? 'intraday';
    const anchor = body.plan_anchor;
    const horizonMinutes = body.horizon_minutes ?? anchor?.horizon_minutes;
    const anchors: PlanAnchors = {
      entry: body.entry ?? anchor?.underlying_entry ?? anchor?.entry ?? plan?.entry,
      stop: body.stop ?? anchor?.stop ?? plan?.stop,
      targets: body.targets ?? anchor?.targets ?? anchor?.tps ?? plan?.targets,
      horizonDays: horizonMinutes !== undefined ? horizonMinutes / 1440 : undefined,
    };
    const overrides: Partial<ContractFilters> = {};
    for (const k of ['min_dte', 'max_dte', 'min_delta', 'max_delta', 'max_spread_pct', 'min_oi', 'min_volume'] as const) {
      if (body[k] !== undefined) overrides[k] = body[k];
    }
    if (overrides.min_dte !== undefined && overrides.max_dte !== undefined && overrides.min_dte > overrides.max_dte) {
      throw UnprocessableError.field('min_dte', 'must not exceed max_dte');
    }
    if (overrides.min_delta !== undefined && overrides.max_delta !== undefined && overrides.min_delta > overrides.max_delta) {
      throw UnprocessableError.field('min_delta', 'must not exceed max_delta');
    }
    const res = await this.contracts.rank({
      symbol,
      side,
      style,
      overrides,
      plan: anchors,
      riskAmount: body.risk_amount ?? body.max_price,
      expiry: body.expiry,
      simulateOpen: body.simulate_open === true || simHeader === '1' || simHeader?.toLowerCase() === 'true',
    });
    return res;
  }

  /** Entry/stop/targets/style/direction of a persisted plan (the caller's own; others are 404). */
  private async loadPlan(userId: string, planId: string) {
    if (!this.store) throw ValidationFailedError.field('plan_id', 'plans are not available in this deployment');
    const p = snapshotOf(await this.store.get(userId, planId));
    return { entry: p.entry, stop: p.stop, targets: p.targets, style: p.style, side: sideOf(p.direction) };
  }
}
