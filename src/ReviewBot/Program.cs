// Composition root: filled in by the foundation (CLI verbs) and the bot-on-Discord work.
return 0;
