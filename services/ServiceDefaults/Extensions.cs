namespace DoanKetSangTao.ServiceDefaults;

/// <summary>Placeholder so the skeleton compiles; replaced by the service defaults.</summary>
public static partial class Extensions;
