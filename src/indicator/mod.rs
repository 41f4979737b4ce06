//! Indicators: parsing of targets and actuals, achievement, charts.
