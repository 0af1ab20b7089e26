using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Security;

public sealed class ServiceTokensTests
{
    private const string Key = "khoa-dich-vu-cho-kiem-thu-don-vi-0001";

    [Fact]
    public async Task A_token_names_the_service_and_validates_only_with_the_platform_key()
    {
        var now = DateTimeOffset.UtcNow;
        var token = new ServiceTokens("appraisal", ServiceIdentity.SigningKey(Key), new Clock(now)).Current();
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };

        var valid = await handler.ValidateTokenAsync(token, ServiceIdentity.Validation(ServiceIdentity.SigningKey(Key)));
        var forged = await handler.ValidateTokenAsync(token, ServiceIdentity.Validation(ServiceIdentity.SigningKey(Key + "-khac")));

        Assert.True(valid.IsValid);
        Assert.Equal("appraisal", valid.ClaimsIdentity.Name);
        Assert.Equal("appraisal", valid.Issuer);
        Assert.False(forged.IsValid);
    }

    [Fact]
    public void The_token_is_reused_and_renewed_two_minutes_before_it_expires()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var tokens = new ServiceTokens("appraisal", ServiceIdentity.SigningKey(Key), clock);
        var first = tokens.Current();

        clock.Now += TimeSpan.FromMinutes(7);
        Assert.Equal(first, tokens.Current());
        clock.Now += TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1);
        var renewed = tokens.Current();

        Assert.NotEqual(first, renewed);
        Assert.Equal(clock.Now.UtcDateTime + ServiceTokens.Lifetime, new JsonWebToken(renewed).ValidTo, TimeSpan.FromSeconds(1));
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
