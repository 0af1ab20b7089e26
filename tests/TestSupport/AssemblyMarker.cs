namespace DoanKetSangTao.Tests.Support; internal static class AssemblyMarker;
