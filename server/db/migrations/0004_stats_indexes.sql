-- Indexes for the dashboard (统计分析, server/modules/stats/stats.repo.ts). Each of its queries starts
-- from a time range; without these, the range over clocks, accountability records and ratings reads
-- the whole table (EXPLAIN on synthetic data: sequential scans of matter_deadlines, two rows per matter).
-- The matters (matters_received) and closings (matter_events_type_time) already have theirs.

-- Clocks met, by when: the on-time side of 按期办结率 (recorded breaches are read from accountability_records).
CREATE INDEX matter_deadlines_met ON matter_deadlines (met_at) WHERE status = 'met';
-- Running clocks already breached: 当前超期, with matter_deadlines_to_breach for those not yet marked.
CREATE INDEX matter_deadlines_active_breached ON matter_deadlines (jurisdiction_id, matter_id)
  WHERE status = 'active' AND breached_at IS NOT NULL;
-- Accountability records by the due time they breached: the dashboard counts a breach on the day it fell
-- due, recorded or not (the existing indexes lead with the unit or officer).
CREATE INDEX accountability_records_due ON accountability_records (due_at);
-- Ratings given in a range, of every unit.
CREATE INDEX matter_ratings_rated ON matter_ratings (rated_at);
-- Clocks met late before the sweep could mark them (it marks running clocks only): rare, so a tiny index.
CREATE INDEX matter_deadlines_met_late ON matter_deadlines (due_at)
  WHERE status = 'met' AND breached_at IS NULL AND met_at > due_at;
