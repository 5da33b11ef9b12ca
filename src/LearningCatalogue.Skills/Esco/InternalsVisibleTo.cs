using System.Runtime.CompilerServices;

// The tests check the chain and language fallback rules directly, without a store.
[assembly: InternalsVisibleTo("LearningCatalogue.Skills.Tests")]
