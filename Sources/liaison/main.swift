import LiaisonCLI

await runLiaisonCommand()
