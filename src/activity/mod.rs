//! Activities (plan vs fact): parsing periods, statuses, counts.
