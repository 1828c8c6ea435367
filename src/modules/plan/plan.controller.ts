import { SimulateOpenHeader } from '../../common/simulate-open-header.decorator';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { asOfMsOf } from './as-of';
import { ApiBearerAuth, ApiExtension, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ValidationFailedError } from '../../common/errors';
import { PlanRequestDto, ScenarioRequestDto, ScenariosQueryDto, simulateOpenFrom } from './dto/plan-request.dto';
import { NoSetupResponseDto, PlanResponseDto, ScenarioListDto } from './dto/plan-response.dto';
import { PlanOutcome, PlanService } from './plan.service';

/** A plan, or why there is none: discriminated by `status`. */
const PLAN_OR_NO_SETUP = {
  oneOf: [{ $ref: getSchemaPath(PlanResponseDto) }, { $ref: getSchemaPath(NoSetupResponseDto) }],
  discriminator: { propertyName: 'status', mapping: { ok: getSchemaPath(PlanResponseDto), no_setup: getSchemaPath(NoSetupResponseDto) } },
};

const answer = (out: PlanOutcome): PlanResponseDto | NoSetupResponseDto => (out.status === 'ok' ? out.plan : out.response);

const PLAN_ID_RE = /^[A-Z0-9.:-]+-(scalp|intraday|swing|leaps)-\d{8}-[a-z2-7]{6}$/;

@ApiTags('plan')
@ApiBearerAuth()
@ApiExtraModels(PlanResponseDto, NoSetupResponseDto)
@Controller('gpt/plan')
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'getPlan',
    summary: 'Best playbook plan for one symbol and style (entry, stop, targets, R:R, confidence, layers); persisted as the live plan — regenerating bumps its version.',
  })
  @ApiExtension('x-openai-isConsequential', false)
  @ApiOkResponse({ schema: PLAN_OR_NO_SETUP })
  async plan(@CurrentUser() userId: string, @Body() body: PlanRequestDto, @SimulateOpenHeader() sim?: string): Promise<PlanResponseDto | NoSetupResponseDto> {
    return this.generate(userId, body, sim, 'live');
  }

  @Post('scenario')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createScenarioPlan',
    summary: 'Frozen scenario plan for a symbol and style (kind "scenario"), stored beside the live plan; adopt it with POST /gpt/plan/{plan_id}/adopt.',
  })
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ schema: PLAN_OR_NO_SETUP })
  async scenario(@CurrentUser() userId: string, @Body() body: ScenarioRequestDto, @SimulateOpenHeader() sim?: string): Promise<PlanResponseDto | NoSetupResponseDto> {
    return this.generate(userId, body, sim, 'scenario');
  }

  private async generate(userId: string, body: PlanRequestDto, sim: string | undefined, kind: 'live' | 'scenario'): Promise<PlanResponseDto | NoSetupResponseDto> {
    const args = { userId, symbol: body.symbol, style: body.style ?? 'intraday', simulateOpen: simulateOpenFrom(body.simulate_open, sim), includeSeries: body.include_series };
    return answer(await this.plans.generate({ ...args, kind, asOfMs: asOfMsOf(body.as_of, this.clock.now()) }));
  }

  @Get('scenarios')
  @ApiOperation({ operationId: 'listScenarioPlans', summary: 'Scenario plans of the caller for a symbol (latest version of each).' })
  @ApiOkResponse({ type: ScenarioListDto })
  async scenarios(@CurrentUser() userId: string, @Query() q: ScenariosQueryDto): Promise<ScenarioListDto> {
    return { symbol: q.symbol, scenarios: await this.plans.listScenarios(userId, q.symbol) };
  }

  @Post(':plan_id/adopt')
  @HttpCode(200)
  @ApiOperation({ operationId: 'adoptScenarioPlan', summary: 'Make a scenario plan the live plan of its symbol and style (a new version of the live plan id).' })
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ type: PlanResponseDto })
  async adopt(@CurrentUser() userId: string, @Param('plan_id') planId: string): Promise<PlanResponseDto> {
    if (!PLAN_ID_RE.test(planId)) throw ValidationFailedError.field('plan_id', 'must be a plan_id such as SPY-intraday-20261124-abcdef');
    return this.plans.adopt(userId, planId);
  }
}
