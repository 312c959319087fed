using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// An interaction's initial response as a model, for a caller that delivers it itself (the HTTP endpoint
/// writes it as its answer). <see cref="Name"/> is the command or component prefix and <see cref="Response"/>
/// reply, defer or autocomplete: the tags the interaction metrics use.
/// </summary>
public sealed record InitialResponse(string Name, string Response, InteractionResponse? Message = null, AutocompleteResponse? Autocomplete = null);
