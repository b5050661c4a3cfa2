using CareerGraph.Model;

namespace CareerGraph.Tests.Contract;

/// <summary>
/// A small graph every backend is tested on. Machine Learning Engineer links to Cloud Engineer only by a
/// weak cross-link (0.3); the strong walk goes through its specialisation MLOps Engineer.
/// </summary>
public static class ContractGraph
{
    public static GraphDocument Document { get; } = Build();

    private static GraphDocument Build()
    {
        Career Career(string id, string name, params string[] categories) =>
            new(id, name) { Description = $"{name} description.", Categories = categories, Source = "test" };
        Skill Skill(string id, string name, bool hot = false) => new(id, name) { Category = "Test", Hot = hot, Source = "test" };
        Edge Requires(string career, string skill, double importance, bool core = false) =>
            new(career, skill, EdgeKind.Requires) { Importance = importance, Core = core };
        Edge SeeAlso(string from, string to, double weight, int tier = 1) =>
            new(from, to, EdgeKind.SeeAlso) { Weight = weight, Tier = tier };

        return new GraphDocument(
            Careers:
            [
                Career("machine-learning-engineer", "Machine Learning Engineer", "Computer, AI & Data") with { Duties = ["Build models.", "Deploy models."] },
                Career("mlops-engineer", "MLOps Engineer", "Computer, AI & Data"),
                Career("cloud-engineer", "Cloud Engineer", "Computer, AI & Data"),
                Career("data-engineer", "Data Engineer", "Computer, AI & Data"),
                Career("devops-engineer", "DevOps Engineer"),
                Career("computer-vision-engineer", "Computer Vision Engineer", "Computer, AI & Data"),
                Career("generative-ai-specialist", "Generative AI Specialist"),
                Career("ai-implementation-specialist", "AI Implementation Specialist"),
                Career("marine-engineer", "Marine Engineer", "Marine & Naval"),
            ],
            Skills:
            [
                Skill("python", "Python", hot: true), Skill("pytorch", "PyTorch", hot: true), Skill("tensorflow", "TensorFlow"),
                Skill("statistics", "Statistics"), Skill("docker", "Docker", hot: true), Skill("kubernetes", "Kubernetes"),
                Skill("aws", "Amazon Web Services"), Skill("terraform", "Terraform"), Skill("sql", "SQL"), Skill("opencv", "OpenCV"),
            ],
            Industries: [new Industry("technology", "Technology"), new Industry("finance", "Finance"), new Industry("maritime", "Maritime")],
            Edges:
            [
                Requires("machine-learning-engineer", "python", 1.0, core: true),
                Requires("machine-learning-engineer", "pytorch", 0.8, core: true),
                Requires("machine-learning-engineer", "tensorflow", 0.7),
                Requires("machine-learning-engineer", "statistics", 0.6),
                Requires("machine-learning-engineer", "docker", 0.4),
                Requires("mlops-engineer", "python", 0.8, core: true),
                Requires("mlops-engineer", "docker", 0.9, core: true),
                Requires("mlops-engineer", "kubernetes", 0.9, core: true),
                Requires("mlops-engineer", "pytorch", 0.5),
                Requires("cloud-engineer", "python", 0.5),
                Requires("cloud-engineer", "docker", 0.8, core: true),
                Requires("cloud-engineer", "kubernetes", 0.8, core: true),
                Requires("cloud-engineer", "aws", 1.0, core: true),
                Requires("cloud-engineer", "terraform", 0.7),
                Requires("data-engineer", "python", 0.9, core: true),
                Requires("data-engineer", "sql", 1.0, core: true),
                Requires("devops-engineer", "docker", 0.9),
                Requires("devops-engineer", "terraform", 0.8),
                Requires("computer-vision-engineer", "python", 0.9),
                Requires("computer-vision-engineer", "opencv", 1.0, core: true),
                new("machine-learning-engineer", "technology", EdgeKind.InIndustry),
                new("machine-learning-engineer", "finance", EdgeKind.InIndustry),
                new("cloud-engineer", "technology", EdgeKind.InIndustry),
                new("marine-engineer", "maritime", EdgeKind.InIndustry),
                new("mlops-engineer", "machine-learning-engineer", EdgeKind.SpecialisationOf),
                new("computer-vision-engineer", "machine-learning-engineer", EdgeKind.SpecialisationOf),
                SeeAlso("machine-learning-engineer", "cloud-engineer", 0.3, tier: 2),
                SeeAlso("machine-learning-engineer", "data-engineer", 0.7),
                SeeAlso("machine-learning-engineer", "marine-engineer", 0.2, tier: 2),
                SeeAlso("mlops-engineer", "cloud-engineer", 0.8),
                SeeAlso("mlops-engineer", "devops-engineer", 0.7),
                SeeAlso("devops-engineer", "cloud-engineer", 0.9),
                SeeAlso("data-engineer", "devops-engineer", 0.5),
            ],
            Aliases:
            [
                new("ML Engineer", "machine-learning-engineer"),
                new("CV Engineer", "computer-vision-engineer"),
                new("AI Specialist", "generative-ai-specialist"),
                new("AI Specialist", "ai-implementation-specialist"),
                new("k8s", "kubernetes"),
                new("AWS", "aws"),
            ]);
    }
}
