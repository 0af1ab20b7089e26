namespace DoanKetSangTao.Contracts; internal static class AssemblyMarker;
