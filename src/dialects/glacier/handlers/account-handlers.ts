import { getAccountSetting, putAccountSetting } from '../../../core/accounts/account-settings.js';
import { StorageError } from '../../../core/errors.js';
import { newShortId } from '../glacier-names.js';
import { json } from '../json/response-json.js';
import { readJsonBody } from '../json/request-json.js';
import { empty, iso, type GlacierHandlerTable } from './handler-context.js';

interface RetrievalRule {
  readonly Strategy: 'BytesPerHour' | 'FreeTier' | 'None';
  readonly BytesPerHour?: number;
}
interface CapacityUnit {
  readonly id: string;
  readonly start: number;
  readonly expiration: number;
}

const POLICY_SETTING = 'glacier.data-retrieval-policy';
const CAPACITY_SETTING = 'glacier.provisioned-capacity';
const MAX_CAPACITY_UNITS = 2;
const DEFAULT_RULES: readonly RetrievalRule[] = [{ Strategy: 'None' }];

/** Account-level settings: stored and returned (the retrieval policy is not enforced). */
export const accountHandlers: GlacierHandlerTable = {
  GetDataRetrievalPolicy: async (h) => {
    const rules = (await getAccountSetting<RetrievalRule[]>(h.ctx, h.accountId, POLICY_SETTING)) ?? DEFAULT_RULES;
    return json(200, { Policy: { Rules: rules } });
  },

  SetDataRetrievalPolicy: async (h) => {
    const body = await readJsonBody(h);
    const rules = parseRules(body.Policy);
    await putAccountSetting(h.ctx, h.accountId, POLICY_SETTING, rules);
    return empty(204);
  },

  ListProvisionedCapacity: async (h) => {
    const units = await liveUnits(h.ctx.clock(), await getAccountSetting<CapacityUnit[]>(h.ctx, h.accountId, CAPACITY_SETTING));
    return json(200, {
      ProvisionedCapacityList: units.map((u) => ({ CapacityId: u.id, StartDate: iso(u.start), ExpirationDate: iso(u.expiration) })),
    });
  },

  PurchaseProvisionedCapacity: async (h) => {
    const now = h.ctx.clock();
    const units = await liveUnits(now, await getAccountSetting<CapacityUnit[]>(h.ctx, h.accountId, CAPACITY_SETTING));
    if (units.length >= MAX_CAPACITY_UNITS) {
      throw new StorageError('LimitExceeded', `An account may hold at most ${MAX_CAPACITY_UNITS} provisioned capacity units.`);
    }
    const unit: CapacityUnit = { id: newShortId(), start: now, expiration: oneMonthAfter(now) };
    await putAccountSetting(h.ctx, h.accountId, CAPACITY_SETTING, [...units, unit]);
    return empty(201, { 'x-amz-capacity-id': unit.id });
  },
};

async function liveUnits(now: number, units: CapacityUnit[] | undefined): Promise<CapacityUnit[]> {
  return (units ?? []).filter((u) => u.expiration > now);
}

/** One calendar month later, clamped to the month's last day (Aug 31 -> Sep 30, Jan 31 -> Feb 28). */
export function oneMonthAfter(ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function parseRules(policy: unknown): RetrievalRule[] {
  const rules = (policy as { Rules?: unknown } | undefined)?.Rules;
  if (policy === undefined || policy === null) return [...DEFAULT_RULES];
  if (!Array.isArray(rules) || rules.length !== 1) {
    throw new StorageError('InvalidArgument', 'The data retrieval policy must have exactly one rule.', { ArgumentName: 'Policy' });
  }
  const rule = rules[0] as { Strategy?: unknown; BytesPerHour?: unknown };
  const strategy = rule.Strategy;
  if (strategy !== 'BytesPerHour' && strategy !== 'FreeTier' && strategy !== 'None') {
    throw new StorageError('InvalidArgument', `Invalid Strategy: ${String(strategy)}. Use BytesPerHour, FreeTier or None.`, {
      ArgumentName: 'Strategy',
    });
  }
  if (strategy === 'BytesPerHour') {
    const bytes = rule.BytesPerHour;
    if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 1) {
      throw new StorageError('InvalidArgument', 'BytesPerHour must be a positive integer with the BytesPerHour strategy.', {
        ArgumentName: 'BytesPerHour',
      });
    }
    return [{ Strategy: strategy, BytesPerHour: bytes }];
  }
  if (rule.BytesPerHour !== undefined && rule.BytesPerHour !== null) {
    throw new StorageError('InvalidArgument', `BytesPerHour may only be given with the BytesPerHour strategy, not ${strategy}.`, {
      ArgumentName: 'BytesPerHour',
    });
  }
  return [{ Strategy: strategy }];
}
