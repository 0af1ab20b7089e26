using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.UnitTests.Domain;

/// <summary>A rule's refusal keeps its code and Vietnamese message to the caller; only one mapping gives it a status.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void Each_factory_gives_its_kind_code_and_message()
    {
        Assert.Equal(new Refusal(RefusalKind.NotFound, "x_not_found", "Không tìm thấy."), Refusal.NotFound("x_not_found", "Không tìm thấy."));
        Assert.Equal(RefusalKind.Forbidden, Refusal.Forbidden("c", "m").Kind);
        Assert.Equal(RefusalKind.Conflict, Refusal.Conflict("c", "m").Kind);
        Assert.Equal(RefusalKind.Unprocessable, Refusal.Unprocessable("c", "m").Kind);
        var input = Refusal.InvalidInput("bad_cursor", "Con trỏ trang không hợp lệ.");
        Assert.Equal((RefusalKind.Invalid, "bad_cursor", "Con trỏ trang không hợp lệ.", (IReadOnlyDictionary<string, string[]>?)null),
            (input.Kind, input.Code, input.Message, input.Errors));
    }

    [Fact]
    public void One_field_error_carries_the_shared_validation_code_and_message()
    {
        var refusal = Refusal.Invalid("title", "Tên sáng kiến là bắt buộc.");

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(Refusal.ValidationFailed, refusal.Code);
        Assert.Equal(Refusal.ValidationMessage, refusal.Message);
        Assert.Equal(["Tên sáng kiến là bắt buộc."], refusal.Errors!["title"]);
    }

    [Fact]
    public void A_thrown_refusal_carries_the_same_refusal_and_message()
    {
        var refusal = Refusal.Conflict("already_submitted", "Hồ sơ đã được nộp.");

        var thrown = Assert.Throws<RefusalException>(void () => throw refusal.ToException());

        Assert.Same(refusal, thrown.Refusal);
        Assert.Equal("Hồ sơ đã được nộp.", thrown.Message);
    }

    [Fact]
    public void No_field_errors_is_no_refusal_and_throws_nothing()
    {
        var errors = new FieldErrors();

        Assert.True(errors.IsEmpty);
        Assert.Null(errors.ToRefusal());
        errors.ThrowIfAny();
    }

    [Fact]
    public void Field_errors_keep_every_message_per_field_in_the_order_found()
    {
        var errors = new FieldErrors()
            .Add("title", "Tên sáng kiến là bắt buộc.")
            .Add("authors", "Cần ít nhất một tác giả.")
            .Add("title", "Tên sáng kiến tối đa 500 ký tự.");

        Assert.False(errors.IsEmpty);
        Assert.Equal(2, errors.Count);
        var refusal = errors.ToRefusal()!;
        Assert.Equal(Refusal.ValidationFailed, refusal.Code);
        Assert.Equal(["Tên sáng kiến là bắt buộc.", "Tên sáng kiến tối đa 500 ký tự."], refusal.Errors!["title"]);
        Assert.Equal(["Cần ít nhất một tác giả."], refusal.Errors["authors"]);
    }

    [Fact]
    public void Field_errors_thrown_carry_a_message_of_the_rules_choosing()
    {
        var errors = new FieldErrors().Add("scores", "Điểm phải từ 0 đến 100.");

        var thrown = Assert.Throws<RefusalException>(() => errors.ThrowIfAny("Phiếu chấm chưa hợp lệ."));

        Assert.Equal("Phiếu chấm chưa hợp lệ.", thrown.Refusal.Message);
        Assert.Equal(Refusal.ValidationFailed, thrown.Refusal.Code);
        Assert.Equal(["Điểm phải từ 0 đến 100."], thrown.Refusal.Errors!["scores"]);
    }

    [Theory]
    [InlineData(RefusalKind.Invalid, StatusCodes.Status400BadRequest)]
    [InlineData(RefusalKind.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(RefusalKind.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(RefusalKind.Conflict, StatusCodes.Status409Conflict)]
    [InlineData(RefusalKind.Unprocessable, StatusCodes.Status422UnprocessableEntity)]
    public void Each_kind_has_one_status(RefusalKind kind, int status) => Assert.Equal(status, RefusalProblems.StatusOf(kind));

    [Fact]
    public void Every_kind_is_mapped()
    {
        foreach (var kind in Enum.GetValues<RefusalKind>())
        {
            Assert.InRange(RefusalProblems.StatusOf(kind), 400, 499);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => RefusalProblems.StatusOf((RefusalKind)99));
    }

    [Fact]
    public void A_refusal_answers_as_problem_details_with_its_code_and_message()
    {
        var problem = Refusal.Forbidden("commendation_outside_scope", "Bạn không có quyền xem khu vực này.").ToProblem().ProblemDetails;

        Assert.Equal(403, problem.Status);
        Assert.Equal("commendation_outside_scope", problem.Extensions["code"]);
        Assert.Equal("Bạn không có quyền xem khu vực này.", problem.Detail);
        Assert.False(problem.Extensions.ContainsKey("errors"));
    }

    [Fact]
    public void Field_errors_answer_as_a_400_that_names_every_field()
    {
        var problem = new FieldErrors().Add("level", "Cấp không hợp lệ.").ToRefusal()!.ToProblem().ProblemDetails;

        Assert.Equal(400, problem.Status);
        Assert.Equal(Refusal.ValidationFailed, problem.Extensions["code"]);
        Assert.Equal(Refusal.ValidationMessage, problem.Detail);
        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(problem.Extensions["errors"]);
        Assert.Equal(["Cấp không hợp lệ."], errors["level"]);
    }
}
