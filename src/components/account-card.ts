/**
 * An account card for a private-label customer: what sales know (stage, decision makers, buying criteria,
 * notes, how old the profile is) beside what the data shows (revenue, growth, margin, net contribution,
 * Kraljic quadrant) and a revenue trend. All text is interpolated by htl, so it renders as text.
 */
import {html} from "htl";
import {codeLabel} from "./vocabulary.js";
import {formatChange, formatMoney, formatPercent, type FormatOptions} from "./format.js";

export interface AccountProfile {
  customer_id: string;
  customer: string;
  micro_segment?: string | null;
  relationship_stage?: string | null;
  decision_makers?: string | null;
  buying_center_size?: number | null;
  primary_criterion?: string | null;
  secondary_criterion?: string | null;
  kraljic_override?: string | null;
  kraljic_quadrant?: string | null;
  notes?: string | null;
  contact_person?: string | null;
  updated_date?: string | null;
  profile_age_months?: number | null;
  revenue_12m?: number | null;
  revenue_growth?: number | null;
  gross_margin_pct?: number | null;
  net_contribution_12m?: number | null;
}

export function accountCard(
  account: AccountProfile,
  chart: Node,
  {format, staleMonths}: {format: FormatOptions; staleMonths: number}
): HTMLElement {
  const stale = (account.profile_age_months ?? 0) > staleMonths;
  const criteria = [account.primary_criterion, account.secondary_criterion].filter(Boolean).join(", then ");
  return html`<div class="card account-card">
    <div class="account-head">
      <h3>${account.customer}</h3>
      <span class="badge">${account.micro_segment ?? "unclassified"}</span>
    </div>
    <dl>
      <dt>Relationship</dt>
      <dd>${account.relationship_stage ? codeLabel(account.relationship_stage) : "–"}</dd>
      <dt>Decision makers</dt>
      <dd>
        ${account.decision_makers ?? "–"}${account.buying_center_size ? ` (${account.buying_center_size} people)` : ""}
      </dd>
      <dt>Buys on</dt>
      <dd>${criteria || "–"}</dd>
      <dt>Kraljic</dt>
      <dd>
        ${account.kraljic_quadrant ?? "–"}${account.kraljic_override ? ` (sales: ${account.kraljic_override})` : ""}
      </dd>
      <dt>Revenue 12 m</dt>
      <dd>
        ${account.revenue_12m == null ? "–" : formatMoney(account.revenue_12m, format)}${account.revenue_growth == null ? "" : ` (${formatChange(account.revenue_growth, format)})`}
      </dd>
      <dt>Gross margin</dt>
      <dd>${account.gross_margin_pct == null ? "–" : formatPercent(account.gross_margin_pct, format)}</dd>
      <dt>Net contribution 12 m</dt>
      <dd class=${(account.net_contribution_12m ?? 0) < 0 ? "negative" : ""}>
        ${account.net_contribution_12m == null ? "–" : formatMoney(account.net_contribution_12m, format)}
      </dd>
      ${
        account.contact_person
          ? html`<dt>Contact</dt>
              <dd>${account.contact_person}</dd>`
          : ""
      }
    </dl>
    ${chart} ${account.notes ? html`<p class="account-notes">${account.notes}</p>` : ""}
    <p class=${stale ? "stale" : "muted"}>
      Profile updated
      ${account.updated_date ?? "never"}${stale ? ` — older than ${staleMonths} months: review at the next sales meeting` : ""}
    </p>
  </div>`;
}
