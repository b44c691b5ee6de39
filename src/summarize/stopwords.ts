/** Function words of English: they carry no topic, so content scoring ignores them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being
  below between both but by can could couldn did didn do does doesn doing don down during each even ever
  every few for from further get got had hadn has hasn have haven having he her here hers herself him
  himself his how however i if in into is isn it its itself just last like ll made make many may me might
  more most much must my myself new no nor not now of off on once one only or other our ours ourselves out
  over own per re really s said same say says see she should shouldn since so some still such t than that
  the their theirs them themselves then there these they this those through to too two under until up upon
  us ve very via was wasn way we well were weren what when where whether which while who whom whose why
  will with won would wouldn year years yet you your yours yourself yourselves told according`.split(/\s+/),
);
