using System.Text;
using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Bộ tiêu chí chấm điểm: the default five criteria of the seeds, and what a custom rubric must satisfy.</summary>
public sealed class RubricTests
{
    [Fact]
    public void The_default_rubric_is_the_five_criteria_of_the_seeds_on_100_points()
    {
        var rubric = Rubric.Default;

        Assert.Equal(["Tính mới", "Tính phù hợp", "Tính tập thể", "Tính thiết thực, hiệu quả", "Tính kinh tế"], rubric.Criteria.Select(c => c.Name));
        Assert.Equal([30m, 20m, 10m, 30m, 10m], rubric.Criteria.Select(c => c.MaxPoints));
        Assert.All(rubric.Criteria, c => Assert.Equal(1m, c.Weight));
        Assert.Equal(100m, rubric.MaxTotal);
        Assert.All(rubric.Criteria, c => Assert.True(c.Name.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void The_maximum_total_counts_the_weights()
    {
        var rubric = Rubric.Create([new RubricCriterion("tinh_moi", "Tính mới", 10m, 3m), new RubricCriterion("tinh_kinh_te", "Tính kinh tế", 10m)]);
        Assert.Equal(40m, rubric.MaxTotal);
    }

    [Fact]
    public void A_rubric_without_criteria_is_refused()
    {
        Assert.Contains("ít nhất một tiêu chí", Rubric.Validate([]).ByField["criteria"].Single(), StringComparison.Ordinal);
        Assert.True(Rubric.Validate(null).ByField.ContainsKey("criteria"));
    }

    [Fact]
    public void Two_criteria_with_the_same_code_are_refused()
    {
        var errors = Rubric.Validate([new RubricCriterion("tinh_moi", "Tính mới", 30m), new RubricCriterion("tinh_moi", "Tính mới (2)", 20m)]).ByField;
        Assert.Contains("bị trùng", errors["criteria[1].code"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, null, "criteria[0].maxPoints")]
    [InlineData(-5, 1, null, "criteria[0].maxPoints")]
    [InlineData(10, 0, null, "criteria[0].weight")]
    [InlineData(10, -1, null, "criteria[0].weight")]
    [InlineData(10, 1, 10.5, "criteria[0].minPoints")]
    [InlineData(10, 1, -1.0, "criteria[0].minPoints")]
    [InlineData(7.3, 1, null, "criteria[0].maxPoints")]
    [InlineData(1000.5, 1, null, "criteria[0].maxPoints")]
    [InlineData(1e12, 1, null, "criteria[0].maxPoints")]
    [InlineData(10, 101, null, "criteria[0].weight")]
    public void Impossible_points_and_weights_are_refused(double max, double weight, double? min, string field)
    {
        var errors = Rubric.Validate([new RubricCriterion("tinh_moi", "Tính mới", (decimal)max, (decimal)weight, (decimal?)min)]).ByField;
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void The_largest_decimal_as_points_and_weight_is_refused_without_overflowing()
    {
        var errors = Rubric.Validate([new RubricCriterion("tinh_moi", "Tính mới", decimal.MaxValue, decimal.MaxValue)]).ByField;
        Assert.Equal(["criteria[0].maxPoints", "criteria[0].weight"], errors.Keys.Order());
    }

    [Fact]
    public void A_minimum_equal_to_the_maximum_is_allowed()
    {
        Assert.Empty(Rubric.Validate([new RubricCriterion("tinh_moi", "Tính mới", 10m, 1m, 10m)]).ByField);
    }

    [Fact]
    public void A_weighted_total_above_1000_is_refused_and_1000_is_allowed()
    {
        Assert.Empty(Rubric.Validate([new RubricCriterion("a", "A", 500m, 2m)]).ByField);
        var errors = Rubric.Validate([new RubricCriterion("a", "A", 500m, 2m), new RubricCriterion("b", "B", 0.25m)]).ByField;
        Assert.Contains("vượt quá 1000", errors["criteria"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tính_mới")]
    [InlineData("Tinh Moi")]
    [InlineData("")]
    public void A_code_must_be_ascii_snake_case(string code)
    {
        Assert.True(Rubric.Validate([new RubricCriterion(code, "Tính mới", 30m)]).ByField.ContainsKey("criteria[0].code"));
    }

    [Fact]
    public void Create_refuses_with_validation_failed_and_the_fields_and_stores_names_as_NFC()
    {
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => Rubric.Create([new RubricCriterion("tinh_moi", " ", 0m)]));
        Assert.Equal(400, StatusOf(problem));
        Assert.Contains("criteria[0].name", problem.Errors!.Keys);

        var rubric = Rubric.Create([new RubricCriterion("tinh_moi", "  Tính mới".Normalize(NormalizationForm.FormD), 30m)]);
        Assert.Equal("Tính mới", rubric.Criteria.Single().Name);
    }
}
