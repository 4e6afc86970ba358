from nn11.cli import main_exit

main_exit()
