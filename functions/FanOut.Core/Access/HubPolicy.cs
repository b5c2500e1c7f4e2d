namespace FanOut.Core.Access;

/// <summary>The rules that apply to <see cref="Hub"/>, from the settings entry <see cref="EntryName"/>.</summary>
public sealed record HubPolicy(string Hub, string EntryName, HubPolicyOptions Options);
